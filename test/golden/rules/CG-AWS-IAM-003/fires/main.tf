resource "aws_iam_policy" "cleanup" {
  name = "cleanup"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:DeleteObject", "kms:ScheduleKeyDeletion"], Resource = "*" }]
#                                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-IAM-003: This Allow statement grants destructive actions: `s3:DeleteObject`, `kms:ScheduleKeyDeletion`
  })
}
