variable "region" {
  default = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block =
}
