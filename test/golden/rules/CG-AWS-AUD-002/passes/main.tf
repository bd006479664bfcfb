resource "aws_s3_bucket_object_lock_configuration" "audit" {
  bucket = "example-audit-logs"

  rule {
    default_retention {
      mode  = "COMPLIANCE"
      years = 7
    }
  }
}
