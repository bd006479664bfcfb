resource "aws_s3_bucket_object_lock_configuration" "audit" {
  bucket = "example-audit-logs"

  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 30
#            ^^ warning CG-AWS-AUD-002: Objects are locked for 30 days, less than the 365 days audit logs must be kept
    }
  }
}
