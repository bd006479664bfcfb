resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ecs:UpdateService", "ecs:DescribeServices"], Resource = "*" }]
  })
}
