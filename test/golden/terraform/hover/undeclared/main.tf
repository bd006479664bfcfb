resource "aws_vpc" "a" {
  cidr_block = var.nop$0e
}
