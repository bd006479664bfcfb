resource "aws_vpc" "main" {
  tags = {
    Name = "main"
    Team = 
#   ^^^^^^ error CG-HCL-SYNTAX: Syntax error: `Team` has no value after `=`
  }
}
