provider "aws" {
  region = "eu-west-1"
  alias  = "eu"

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
#| error CG-HCL-SYNTAX: Syntax error: missing `}` to close `provider "aws"` opened on line 1
