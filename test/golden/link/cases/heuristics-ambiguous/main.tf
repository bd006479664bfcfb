provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "shared" {
  cidr_block = "10.50.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.shared.id
  cidr_block = "10.50.1.0/24"
}

resource "aws_security_group" "api" {
  name   = "api"
  vpc_id = aws_vpc.shared.id

  dynamic "ingress" {
    for_each = [443, 8443]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  tags = {
    Name = "worker"
  }
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
#                     ^^^^^^^^^^^^^^ warning CG-DRIFT-ATTRIBUTE: instance_class is "db.t4g.small" live (arn:aws:rds:eu-west-1:123456789012:db:orders (orders)), "db.t4g.micro" in code
  allocated_storage = var.unknown_storage
}

variable "unknown_storage" {}
