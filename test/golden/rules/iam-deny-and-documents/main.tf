data "aws_iam_policy_document" "mixed" {
  statement {
    sid       = "DenyEverythingInsecure"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["*"]
  }

  statement {
    actions   = ["kms:ScheduleKeyDeletion", "kms:Describe*"]
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-IAM-003: This Allow statement grants destructive actions: `kms:ScheduleKeyDeletion`
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "prefixes_are_fine" {
  name = "read"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:Get*", "s3:List*"], Resource = "*" },
      { Effect = "Deny", Action = "*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } },
      { Effect = "Allow", Action = "dynamodb:*", Resource = "*" },
#                                  ^^^^^^^^^^^^ warning CG-AWS-IAM-002: This Allow statement grants every action of a service (`dynamodb:*`): list the actions needed
    ]
  })
}

resource "aws_iam_user_policy" "heredoc" {
  name   = "legacy"
  user   = "legacy"
  policy = <<-JSON
#          ^^^^^^^ warning CG-AWS-IAM-004: This Allow statement uses `NotAction`: it grants every other action, including future ones (…)
    {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}
  JSON
}
