resource "aws_vpc" "main" {
  cidr_block = var.cidr
#              ^^^^^^^^ error CG-TF-UNDECLARED: Reference to undeclared input variable `var.cidr`: add a `variable "cidr"` block
  tags = {
}
#| error CG-HCL-SYNTAX: Syntax error: missing `}` to close `resource "aws_vpc" "main"` opened on line 1
