provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "backup"
  region = "eu-central-1"
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t4g.large"
  storage_encrypted = true
#                     ^^^^ warning CG-AWS-RDS-002: Storage is encrypted with the AWS-managed key: set `kms_key_id` to a customer-managed key
}

resource "aws_db_instance_automated_backups_replication" "main" {
  provider               = aws.backup
  source_db_instance_arn = aws_db_instance.main.arn
}
