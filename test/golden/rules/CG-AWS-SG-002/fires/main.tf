resource "aws_vpc_security_group_ingress_rule" "postgres" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "0.0.0.0/0"
#                     ^^^^^^^^^^^ error CG-AWS-SG-002: PostgreSQL (5432) is open to the internet (0.0.0.0/0): allow it only from the application tier or known address ranges
}
