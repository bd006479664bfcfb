locals {
  greeting = "hello"
}

resource "aws_instance" "web" {
  user_data = <<EOT
echo ${local.gree$0ting}
EOT
}
