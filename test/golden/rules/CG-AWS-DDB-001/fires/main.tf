resource "aws_dynamodb_table" "sessions" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-DDB-001: The table is encrypted with an AWS-owned key: add `server_side_encryption` with a customer-managed `kms_key_arn`
  name     = "sessions"
  hash_key = "id"
}
