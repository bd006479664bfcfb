resource "aws_security_group" "vendor" {
  name = "vendor"

  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    ipv6_cidr_blocks = ["2001:db8::/32"]
  }
}
