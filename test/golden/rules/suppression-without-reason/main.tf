# cartograph:ignore CG-AWS-SG-001
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-SUPPRESSION-NO-REASON: The suppression of CG-AWS-SG-001 gives no reason: write why the finding is accepted after the rule ID
resource "aws_security_group" "bastion" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
