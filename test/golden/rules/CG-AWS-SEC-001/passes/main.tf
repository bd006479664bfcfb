resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOF
    #!/bin/bash
    export DB_PASSWORD_ARN=arn:aws:secretsmanager:eu-west-1:111122223333:secret:db
  EOF
}
