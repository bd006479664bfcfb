resource "aws_kms_key" "data" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-KMS-001: Key rotation is off (`enable_key_rotation` defaults to false)
  description = "Application data"
}
