# Every TCP port, not every protocol: the message says which.
resource "aws_security_group_rule" "all_tcp" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
#                      ^^^^^^^^^^^ error CG-AWS-SG-003: Every TCP port is open to the internet (0.0.0.0/0): allow only the ports the service needs, from known address ranges
}
