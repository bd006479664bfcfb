resource "aws_iam_policy" "broad" {
  name = "broad"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", NotAction = "iam:*", Resource = "*" }]
  })
}
