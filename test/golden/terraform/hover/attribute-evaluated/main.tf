resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "a" {
  cidr$0_block = cidrsubnet(aws_vpc.main.cidr_block, 4, 3)
}
