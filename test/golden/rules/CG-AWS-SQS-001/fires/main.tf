resource "aws_sqs_queue" "jobs" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-SQS-001: The SQS queue is not encrypted with a customer-managed key: set `kms_master_key_id`
  name = "jobs"
}
