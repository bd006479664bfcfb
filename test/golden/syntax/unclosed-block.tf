variable "region" {
  default = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
#                           | error CG-HCL-SYNTAX: Syntax error: missing `}` to close `resource "aws_vpc" "main"` opened on line 5
