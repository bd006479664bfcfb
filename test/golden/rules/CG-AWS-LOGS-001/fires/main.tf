resource "aws_cloudwatch_log_group" "app" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-LOGS-001: The CloudWatch log group is not encrypted with a customer-managed key: set `kms_key_id`
  name              = "/northwind/app"
  retention_in_days = 400
}
