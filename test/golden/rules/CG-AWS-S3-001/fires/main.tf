resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = "example-logs"

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
#                     ^^^^^^^^ warning CG-AWS-S3-001: Objects are encrypted with S3-managed keys (`AES256`): use `aws:kms` with a customer-managed key
    }
  }
}
