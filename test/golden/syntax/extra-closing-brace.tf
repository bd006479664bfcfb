output "id" {
  value = aws_vpc.main.id
}}
#^ error CG-HCL-SYNTAX: Syntax error: unexpected `}`
