variable "ci$0dr" {}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
}
