resource "aws_security_group" "bastion" {
  dynamic "ingress" {
    for_each = { ssh = 22 }
    iterator = rule
    content {
      description = rule.k$0ey
    }
  }
}
