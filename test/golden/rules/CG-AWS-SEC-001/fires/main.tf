resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOF
#                 ^^^^^^ error CG-AWS-SEC-001: `user_data` holds a password or token: use an instance profile and a secret store instead (…)
    #!/bin/bash
    export DB_PASSWORD=hunter2hunter2
  EOF
}
