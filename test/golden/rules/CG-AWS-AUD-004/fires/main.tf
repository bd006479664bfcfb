resource "aws_cloudtrail" "audit" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-AUD-004: Log file validation is off (`enable_log_file_validation` defaults to false)
  name           = "audit"
  s3_bucket_name = "example-audit"
  kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
