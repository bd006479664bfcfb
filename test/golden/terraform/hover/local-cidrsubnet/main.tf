variable "cidr" {
  default = "10.20.0.0/16"
}

locals {
  private = cidrsubnet(var.cidr, 8, 1)
}

resource "aws_subnet" "p" {
  cidr_block = local.pri$0vate
}
