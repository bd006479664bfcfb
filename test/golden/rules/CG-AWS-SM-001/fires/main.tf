resource "aws_secretsmanager_secret" "api" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-SM-001: The Secrets Manager secret is not encrypted with a customer-managed key: set `kms_key_id`
  name = "api"
}
