resource "aws_db_instance" "reports" {
  engine            = "postgres"
  instance_class    = "db.t4g.large"
  storage_encrypted = false
#                     ^^^^^ error CG-AWS-RDS-001: Storage is not encrypted at rest (`storage_encrypted = false`)
}
