resource "aws_vpc" "a" {
  provider = aws.frankfurt
}

resource "aws_vpc" "b" {
  provider = aws.paris
#            ^^^^^^^^^ error CG-TF-UNDECLARED: Reference to undeclared provider configuration `aws.paris`: add a `provider "aws"` block with `alias = "paris"`
}

resource "aws_vpc" "c" {
  provider = aws
}

module "m" {
  source    = "./m"
  providers = { aws = aws.frankfurt }
}
