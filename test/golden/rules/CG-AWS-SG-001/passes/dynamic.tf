# Dynamic ingress from known ranges only, and one over a value not known before apply: no finding.
variable "ports" {
  type = list(number)
}

resource "aws_security_group" "bastion" {
  name = "bastion"

  dynamic "ingress" {
    for_each = [22, 3389]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["198.51.100.0/24"]
    }
  }

  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
