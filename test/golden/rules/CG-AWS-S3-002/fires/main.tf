resource "aws_s3_bucket" "reports" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-S3-002: No server-side encryption configuration refers to this bucket: objects fall back to S3-managed keys
  bucket = "example-reports"
}
