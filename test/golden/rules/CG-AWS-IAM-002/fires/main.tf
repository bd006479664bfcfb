data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:*"]
#               ^^^^^^^^ warning CG-AWS-IAM-002: This Allow statement grants every action of a service (`s3:*`): list the actions needed
    resources = ["arn:aws:s3:::example-exports/*"]
  }
}
