resource "aws_sns_topic" "alerts" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-SNS-001: The SNS topic is not encrypted with a customer-managed key: set `kms_master_key_id`
  name = "alerts"
}
