resource "aws_vpc" "x" {}
