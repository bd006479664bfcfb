resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
#                                             ^^^ error CG-AWS-IAM-001: This Allow statement grants every action (`*`): list the actions the principal needs
  })
}
