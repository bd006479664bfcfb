provider "aws" {
  region = "eu-west-1"
}

variable "azs" {
  default = ["eu-west-1a", "eu-west-1b"]
}

variable "office_cidrs" {
  default = ["192.0.2.0/24", "198.51.100.0/24"]
}

resource "aws_vpc" "core" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-DRIFT-UNMANAGED: Live securityGroup sg-0f0f0f0f0f0f0f0f0 (debug-access) in vpc-0c0c0c0c0c0c0c0c0 is not declared in code
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.core.id
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
#                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-DRIFT-ATTRIBUTE: aws_subnet.private[1]: cidr_block is "10.0.9.0/24" live (subnet-0b0b0b0b0b0b0b0b0), "10.0.1.0/24" in code
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.core.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "office_ssh" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-DRIFT-RULE-REMOVED: Rule missing live: sg-0e0e0e0e0e0e0e0e0 (web) does not allow inbound tcp 22 from 198.51.100.0/24
  for_each          = toset(var.office_cidrs)
  security_group_id = aws_security_group.web.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = each.value
}

resource "aws_instance" "worker" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-DRIFT-MISSING: aws_instance.worker is i-0dead0dead0dead00 in terraform.tfstate, which the snapshot of 2025-06-01T09:00:00.000Z does not have in eu-west-1: deleted outside Terraform?
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
  subnet_id     = aws_subnet.private[0].id
}

module "cache" {
  source = "./cache"
  vpc_id = aws_vpc.core.id
}
