resource "aws_s3_bucket" "audit" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-S3-002: No server-side encryption configuration refers to this bucket: objects fall back to S3-managed keys
  bucket              = "example-audit-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "audit" {
  bucket = aws_s3_bucket.audit.id

  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 2555
    }
  }
}
