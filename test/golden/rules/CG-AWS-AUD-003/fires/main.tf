resource "aws_cloudwatch_log_group" "trail" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-LOGS-001: The CloudWatch log group is not encrypted with a customer-managed key: set `kms_key_id`
  name              = "/aws/cloudtrail/audit"
  retention_in_days = 30
#                     ^^ warning CG-AWS-AUD-003: Audit logs are kept for 30 days, less than the 365 days required
}
