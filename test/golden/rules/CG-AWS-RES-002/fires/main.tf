resource "aws_dynamodb_table" "sessions" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-DDB-001: The table is encrypted with an AWS-owned key: add `server_side_encryption` with a customer-managed `kms_key_arn`
  name     = "sessions"
  hash_key = "id"

  replica {
    region_name = "us-east-1"
#                 ^^^^^^^^^^^ error CG-AWS-RES-002: The table replica is in `us-east-1`, which is not in the allowed regions (austriaeast, belgiumcentral, denmarkeast, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, …)
  }
}
