provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

resource "aws_vpc" "a" {
  provider = aws.frank$0furt
}
