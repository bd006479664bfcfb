resource "aws_iam_policy" "broad" {
  name = "broad"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = "iam:*", Resource = "*" }]
#                                                ^^^^^^^ warning CG-AWS-IAM-004: This Allow statement uses `NotAction`: it grants every other action, including future ones
  })
}
