resource "aws_iam_policy" "cleanup" {
  name = "cleanup"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = ["s3:DeleteObject", "kms:ScheduleKeyDeletion"], Resource = "*" }]
  })
}
