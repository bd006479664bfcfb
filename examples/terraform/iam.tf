# Application servers: read and write exports, use the data key, read the database secret, and
# nothing else.

resource "aws_iam_role" "app" {
  name = "${local.name_prefix}-app"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "app" {
  name = "app-runtime"
  role = aws_iam_role.app.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Exports"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "${module.exports.bucket_arn}/*"
      },
      {
        Sid      = "ListExports"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = module.exports.bucket_arn
      },
      {
        Sid      = "DataKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.data.arn
      },
      {
        Sid      = "DatabaseSecret"
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = aws_db_instance.main.master_user_secret[0].secret_arn
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "app_managed" {
  for_each = toset([
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  ])

  role       = aws_iam_role.app.name
  policy_arn = each.value
}

resource "aws_iam_instance_profile" "app" {
  name = "${local.name_prefix}-app"
  role = aws_iam_role.app.name
}

# ETL worker: the same export access as the application, plus a housekeeping policy written in a
# hurry when the export bucket filled up.

resource "aws_iam_role" "etl" {
  name = "${local.name_prefix}-etl"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "etl_exports" {
  name = "etl-exports"
  role = aws_iam_role.etl.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
        Resource = [module.exports.bucket_arn, "${module.exports.bucket_arn}/*"]
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.data.arn
      },
    ]
  })
}

resource "aws_iam_policy" "housekeeping" {
  name        = "${local.name_prefix}-housekeeping"
  description = "Clean up old exports and retire unused keys"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Cleanup"
        Effect   = "Allow"
        Action   = ["s3:DeleteObject", "s3:DeleteObjectVersion", "kms:ScheduleKeyDeletion"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "etl_housekeeping" {
  role       = aws_iam_role.etl.name
  policy_arn = aws_iam_policy.housekeeping.arn
}

resource "aws_iam_instance_profile" "etl" {
  name = "${local.name_prefix}-etl"
  role = aws_iam_role.etl.name
}

# Deployments: the CI pipeline assumes this role from the tooling account. Its policy was pasted
# from the console while the pipeline was being set up and was meant to be narrowed afterwards.

resource "aws_iam_role" "ci_deploy" {
  name = "${local.name_prefix}-ci-deploy"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.tooling_account_id}:role/ci-runner" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "sts:ExternalId" = "northwind-ci" }
      }
    }]
  })
}

resource "aws_iam_policy" "ci_deploy" {
  name        = "${local.name_prefix}-ci-deploy"
  description = "Deployment pipeline"

  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "Deploy",
          "Effect": "Allow",
          "Action": "*",
          "Resource": "*"
        }
      ]
    }
  JSON
}

resource "aws_iam_role_policy_attachment" "ci_deploy" {
  role       = aws_iam_role.ci_deploy.name
  policy_arn = aws_iam_policy.ci_deploy.arn
}
