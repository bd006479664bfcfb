resource "aws_cloudtrail" "audit" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-TRAIL-001: The CloudTrail trail is not encrypted with a customer-managed key: set `kms_key_id`
  name                       = "audit"
  s3_bucket_name             = "example-audit"
  enable_log_file_validation = true
}
