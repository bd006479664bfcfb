resource "aws_subnet" "p" {
  count      = 3
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index + 10)
}

locals {
  third = aws_subnet.p[2].cidr$0_block
}
