provider "aws" {
  region = var.region
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

module "net" {
  source = "./modules/net"
}
