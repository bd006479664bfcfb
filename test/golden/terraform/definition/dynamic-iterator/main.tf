resource "aws_security_group" "bastion" {
  dynamic "ingress" {
    for_each = [22, 3389]
    content {
      from_port = ingr$0ess.value
    }
  }
}
