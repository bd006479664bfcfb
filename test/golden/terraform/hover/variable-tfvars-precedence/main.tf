resource "aws_vpc" "main" {
  cidr_block = var.ci$0dr
}
