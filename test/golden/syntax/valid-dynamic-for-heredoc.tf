resource "aws_security_group" "app" {
  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port = ingress.value.port
    }
  }
  tags = { for k, v in var.tags : k => v if v != "" }
  description = <<-EOT
    Managed by ${local.team}
  EOT
}
