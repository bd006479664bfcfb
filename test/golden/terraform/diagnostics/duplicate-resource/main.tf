resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "main" {
#                   ^^^^ error CG-TF-DUPLICATE: Duplicate resource `aws_vpc.main`: already declared at line 1
  cidr_block = "10.1.0.0/16"
}
