resource "aws_vpc" "main" {
  cidr_block = var.c$0idr
}
