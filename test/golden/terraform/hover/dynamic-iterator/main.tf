locals {
  admin_ports = [22, 3389]
}

resource "aws_security_group" "bastion" {
  dynamic "ingress" {
    for_each = local.admin_ports
    iterator = port
    content {
      from_port = po$0rt.value
      to_port   = port.value
      protocol  = "tcp"
    }
  }
}
