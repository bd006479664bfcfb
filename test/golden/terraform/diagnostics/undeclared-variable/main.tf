resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr
#              ^^^^^^^^^^^^ error CG-TF-UNDECLARED: Reference to undeclared input variable `var.vpc_cidr`: add a `variable "vpc_cidr"` block
}
