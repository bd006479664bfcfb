data "aws_caller_identity" "current" {}

locals {
  name_prefix = "${var.project}-${var.environment}"
  account_id  = data.aws_caller_identity.current.account_id

  common_tags = {
    Project     = var.project
    Environment = var.environment
    Owner       = var.owner
    CostCenter  = var.cost_center
    ManagedBy   = "terraform"
  }

  # Public subnets take the low /24s of each VPC and private subnets start at .10, which leaves room
  # for a third availability zone without renumbering.
  main_public_subnet_cidrs       = [for index, az in var.main_azs : cidrsubnet(var.main_vpc_cidr, 8, index)]
  main_private_subnet_cidrs      = [for index, az in var.main_azs : cidrsubnet(var.main_vpc_cidr, 8, index + 10)]
  analytics_public_subnet_cidrs  = [for index, az in var.analytics_azs : cidrsubnet(var.analytics_vpc_cidr, 8, index)]
  analytics_private_subnet_cidrs = [for index, az in var.analytics_azs : cidrsubnet(var.analytics_vpc_cidr, 8, index + 10)]

  # The application reads its database credentials from Secrets Manager when it starts, so nothing
  # secret is written into the instance's user data.
  app_user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf install -y docker
    systemctl enable --now docker
    mkdir -p /etc/northwind
    cat > /etc/northwind/app.env <<ENV
    DB_HOST=${aws_db_instance.main.address}
    DB_NAME=${aws_db_instance.main.db_name}
    DB_SECRET_ARN=${aws_db_instance.main.master_user_secret[0].secret_arn}
    EXPORT_BUCKET=${module.exports.bucket_id}
    AWS_REGION=${var.primary_region}
    ENV
    aws ecr get-login-password --region ${var.primary_region} | docker login --username AWS --password-stdin ${local.ecr_registry}
    docker run --detach --restart always --name northwind-app --env-file /etc/northwind/app.env \
      --publish 8080:8080 ${local.ecr_registry}/northwind/app:${var.app_version}
  EOT

  ecr_registry = "${local.account_id}.dkr.ecr.${var.primary_region}.amazonaws.com"
}
