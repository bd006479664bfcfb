variable "region" {
  default = "eu-west-1"
}

provider "aws" {
  region = var.re$0gion
}
