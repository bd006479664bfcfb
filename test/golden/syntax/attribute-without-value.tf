resource "aws_vpc" "main" {
  cidr_block =
# ^^^^^^^^^^^^ error CG-HCL-SYNTAX: Syntax error: `cidr_block` has no value after `=`
}
