data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }

  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }
}

resource "aws_instance" "app" {
  count = var.app_instance_count

  ami                    = data.aws_ami.al2023.id
  instance_type          = var.app_instance_type
  subnet_id              = aws_subnet.main_private[count.index % length(aws_subnet.main_private)].id
  vpc_security_group_ids = [aws_security_group.app.id]
  iam_instance_profile   = aws_iam_instance_profile.app.name
  user_data              = local.app_user_data
  monitoring             = true

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 30
    encrypted   = true
    kms_key_id  = aws_kms_key.data.arn
  }

  tags = {
    Name = "${local.name_prefix}-app-${count.index + 1}"
    Role = "app"
  }
}

resource "aws_instance" "bastion" {
  ami                         = data.aws_ami.al2023.id
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.main_public[0].id
  vpc_security_group_ids      = [aws_security_group.bastion.id]
  associate_public_ip_address = true
  key_name                    = "northwind-oncall"

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 8
    encrypted   = true
    kms_key_id  = aws_kms_key.data.arn
  }

  tags = {
    Name = "${local.name_prefix}-bastion"
    Role = "bastion"
  }
}

# The ETL worker copies yesterday's rows into the reporting database and writes CSV exports to S3.
# It was set up by hand before it had an instance profile, and the keys it was given then are still
# in its user data.
resource "aws_instance" "etl_worker" {
  ami                    = data.aws_ami.al2023.id
  instance_type          = "m6i.large"
  subnet_id              = aws_subnet.main_private[1].id
  vpc_security_group_ids = [aws_security_group.etl.id]
  iam_instance_profile   = aws_iam_instance_profile.etl.name

  user_data = <<-EOF
    #!/bin/bash
    set -euo pipefail
    dnf install -y postgresql16 awscli-2
    mkdir -p /opt/etl
    cat > /opt/etl/env <<ENV
    AWS_DEFAULT_REGION=${var.primary_region}
    AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
    SOURCE_DB_HOST=${aws_db_instance.main.address}
    REPORTING_DB_HOST=${aws_db_instance.reporting.address}
    EXPORT_BUCKET=${module.exports.bucket_id}
    ENV
    echo '15 2 * * * root /opt/etl/nightly.sh >> /var/log/etl.log 2>&1' > /etc/cron.d/northwind-etl
  EOF

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 50
    encrypted   = true
    kms_key_id  = aws_kms_key.data.arn
  }

  tags = {
    Name = "${local.name_prefix}-etl-worker"
    Role = "etl"
  }
}
