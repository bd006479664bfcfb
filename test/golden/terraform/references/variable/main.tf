resource "aws_vpc" "main" {
  cidr_block = var.cidr
}

locals {
  half = cidrsubnet(var.cidr, 1, 0)
}
