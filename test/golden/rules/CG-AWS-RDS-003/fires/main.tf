resource "aws_db_instance" "reports" {
  engine              = "postgres"
  instance_class      = "db.t4g.large"
  storage_encrypted   = true
#                       ^^^^ warning CG-AWS-RDS-002: Storage is encrypted with the AWS-managed key: set `kms_key_id` to a customer-managed key
  publicly_accessible = true
#                       ^^^^ error CG-AWS-RDS-003: The database is publicly accessible: it gets a public address reachable from the internet
}
