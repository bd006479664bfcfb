locals {
  subnets = { a = "10.0.1.0/24", b = "10.0.2.0/24" }
}

resource "aws_subnet" "s" {
  for_each   = local.subnets
  cidr_block = each.value
}

output "b" {
  value = aws_subnet.s["b"].cidr_block
}

locals {
  b = aws_subnet.s["b"].cidr_$0block
}
