variable "rules" {
  default = [{ port = 443 }]
}

resource "aws_security_group" "web" {
  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port = ingress.value.port
      to_port   = ingress.value.port
    }
  }
  dynamic "egress" {
    for_each = var.rules
    iterator = rule
    content {
      from_port = rule.value.port
      to_port   = egress.value.port
#                 ^^^^^^^^^^^^ error CG-TF-UNDECLARED: Reference to undeclared resource `egress.value`: no `resource "egress" "value"` in this module
    }
  }
}
