# One customer-managed key encrypts the primary database, its snapshots and Performance Insights,
# the application volumes and the export bucket.
resource "aws_kms_key" "data" {
  description             = "Northwind production data at rest"
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "data" {
  name          = "alias/${local.name_prefix}-data"
  target_key_id = aws_kms_key.data.key_id
}

resource "aws_db_subnet_group" "main" {
  name        = "${local.name_prefix}-main"
  description = "Private subnets of the platform VPC"
  subnet_ids  = aws_subnet.main_private[*].id
}

resource "aws_db_parameter_group" "postgres16" {
  name        = "${local.name_prefix}-postgres16"
  family      = "postgres16"
  description = "Northwind Postgres 16 settings"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }
}

resource "aws_db_instance" "main" {
  identifier     = "${local.name_prefix}-main"
  engine         = "postgres"
  engine_version = var.postgres_version
  instance_class = var.db_instance_class

  allocated_storage     = 100
  max_allocated_storage = 500
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.data.arn

  db_name                       = "northwind"
  username                      = "northwind_admin"
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.data.arn

  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.db.id]
  parameter_group_name   = aws_db_parameter_group.postgres16.name
  publicly_accessible    = false
  multi_az               = true

  iam_database_authentication_enabled   = true
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.data.arn
  performance_insights_retention_period = 7

  backup_retention_period   = 14
  backup_window             = "02:00-03:00"
  maintenance_window        = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot     = true
  deletion_protection       = true
  final_snapshot_identifier = "${local.name_prefix}-main-final"
}

# Automated backups are copied to Frankfurt, a second region on the residency list, under a key
# that lives there.
resource "aws_kms_key" "backup_replica" {
  provider = aws.eu_central

  description             = "Northwind production database backups (cross-region copy)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_db_instance_automated_backups_replication" "main" {
  provider = aws.eu_central

  source_db_instance_arn = aws_db_instance.main.arn
  kms_key_id             = aws_kms_key.backup_replica.arn
  retention_period       = 14
}

# The reporting database is refreshed every night by the ETL worker and read by the hosted BI tool.
# It was created for a quarter-end deadline and never hardened.
resource "aws_db_subnet_group" "reporting" {
  provider = aws.eu_central

  name        = "${local.name_prefix}-reporting"
  description = "Public subnets of the analytics VPC, so that the BI tool can connect"
  subnet_ids  = aws_subnet.analytics_public[*].id
}

resource "aws_db_instance" "reporting" {
  provider = aws.eu_central

  identifier     = "${local.name_prefix}-reporting"
  engine         = "postgres"
  engine_version = var.postgres_version
  instance_class = "db.t4g.large"

  allocated_storage = 200
  storage_type      = "gp3"
  storage_encrypted = false

  db_name  = "reporting"
  username = "reporting_admin"
  password = var.db_password

  db_subnet_group_name   = aws_db_subnet_group.reporting.name
  vpc_security_group_ids = [aws_security_group.reporting_db.id]
  publicly_accessible    = true

  backup_retention_period = 7
  deletion_protection     = true
  skip_final_snapshot     = true
}
