resource "aws_vpc_security_group_ingress_rule" "postgres" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "10.20.0.0/16"
}
