resource "aws_vpc" "main" {
  cidr_block = var.ci$0dr
}

locals {
  half = cidrsubnet(var.cidr, 1, 0)
  text = "${var.cidr}"
}
