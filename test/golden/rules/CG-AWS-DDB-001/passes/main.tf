resource "aws_dynamodb_table" "sessions" {
  name     = "sessions"
  hash_key = "id"

  server_side_encryption {
    enabled     = true
    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
