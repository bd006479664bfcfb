resource "aws_security_group" "vendor" {
  name = "vendor"

  ingress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    ipv6_cidr_blocks = ["::/0"]
#                       ^^^^^^ error CG-AWS-SG-003: Every port and protocol is open to the internet (::/0): allow only the ports the service needs, from known address ranges
  }
}
