resource "aws_ebs_volume" "data" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error CG-AWS-EBS-001: The volume is not encrypted (`encrypted` defaults to false)
  availability_zone = "eu-west-1a"
  size              = 100
}
