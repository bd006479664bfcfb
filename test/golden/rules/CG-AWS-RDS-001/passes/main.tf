resource "aws_db_instance" "reports" {
  engine            = "postgres"
  instance_class    = "db.t4g.large"
  storage_encrypted = true
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
