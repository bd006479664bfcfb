resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "reports" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = true
}
