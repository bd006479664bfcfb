resource "aws_subnet" "private" {
  count      = 2
  cidr_block = "10.0.${count.index}.0/24"
}

output "first" {
  value = aws_subnet.private[0].id
}

output "all" {
  value = aws_subnet.private[*].id
}

output "missing" {
  value = aws_subnet.public[*].id
#         ^^^^^^^^^^^^^^^^^ error CG-TF-UNDECLARED: Reference to undeclared resource `aws_subnet.public`: no `resource "aws_subnet" "public"` in this module
}
