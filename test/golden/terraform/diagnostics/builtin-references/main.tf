resource "aws_subnet" "a" {
  count      = 2
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
  tags       = { Workspace = terraform.workspace, Module = path.module }
}

resource "aws_instance" "web" {
  for_each = toset(["a", "b"])
  ami      = each.value
  provisioner "local-exec" {
    command = "echo ${self.id}"
  }
}
