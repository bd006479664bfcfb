resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16" "extra"
#              ^^^^^^^^^^^^^ error CG-HCL-SYNTAX: Syntax error: unexpected `"10.0.0.0/16"`
}
