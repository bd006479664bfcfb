variable "cidr" {
  default = "10.0.0.0/8"
}

resource "aws_vpc" "this" {
  cidr_block = var.c$0idr
}
