resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
#                      ^^^^^^^^^^^ error CG-AWS-SG-001: SSH (22) is open to the internet (0.0.0.0/0): allow it only from known address ranges
}
