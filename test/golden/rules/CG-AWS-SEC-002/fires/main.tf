resource "aws_db_instance" "app" {
  engine            = "postgres"
  instance_class    = "db.t4g.large"
  storage_encrypted = true
#                     ^^^^ warning CG-AWS-RDS-002: Storage is encrypted with the AWS-managed key: set `kms_key_id` to a customer-managed key
  username          = "app"
  password          = "Sup3r-Secret-2024"
#                     ^^^^^^^^^^^^^^^^^^^ error CG-AWS-SEC-002: `password` is written in plain text: manage it in a secret store
}
