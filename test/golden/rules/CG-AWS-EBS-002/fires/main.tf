resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
#                     ^^^^ warning CG-AWS-EBS-002: The volume is encrypted with the AWS-managed key: set `kms_key_id` to a customer-managed key
}
