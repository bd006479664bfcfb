resource "aws_s3_bucket" "audit" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-S3-002: No server-side encryption configuration refers to this bucket: objects fall back to S3-managed keys
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error CG-AWS-AUD-001: This bucket receives audit logs but has no Object Lock: logs can be deleted or overwritten
  bucket = "example-audit-logs"
}
