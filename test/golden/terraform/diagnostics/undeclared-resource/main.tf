resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id = aws_vpc.mian.id
#          ^^^^^^^^^^^^ error CG-TF-UNDECLARED: Reference to undeclared resource `aws_vpc.mian`: no `resource "aws_vpc" "mian"` in this module
}
