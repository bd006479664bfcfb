# Ingress rules made by dynamic blocks: each element of for_each is a rule of its own.
locals {
  admin_ports = [22, 3389]
  openings = {
    ssh = { port = 22, from = "0.0.0.0/0" }
    web = { port = 443, from = "0.0.0.0/0" }
  }
}

resource "aws_security_group" "bastion" {
  name = "bastion"

  dynamic "ingress" {
    for_each = local.admin_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
#                    ^^^^^^^^^^^ error CG-AWS-SG-001: RDP (3389) is open to the internet (0.0.0.0/0): allow it only from known address ranges
#                    ^^^^^^^^^^^ error CG-AWS-SG-001: SSH (22) is open to the internet (0.0.0.0/0): allow it only from known address ranges
    }
  }

  dynamic "ingress" {
    for_each = local.openings
    iterator = rule
    content {
      description = rule.key
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = [rule.value.from]
#                    ^^^^^^^^^^^^^^^ error CG-AWS-SG-001: SSH (22) is open to the internet (0.0.0.0/0): allow it only from known address ranges
    }
  }
}
