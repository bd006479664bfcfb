# cartograph:ignore CG-AWS-SG-001 Break-glass access for the on-call rota (OPS-1187)
resource "aws_security_group_rule" "suppressed" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

# cartograph:ignore CG-AWS-SG-001 exp:2025-12-31 Until the VPN lands
resource "aws_security_group_rule" "suppressed_until_later" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

# cartograph:ignore CG-AWS-SG-001 exp:2025-01-31 Vendor session (OPS-1432)
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-SUPPRESSION-EXPIRED: The suppression of CG-AWS-SG-001 expired on 2025-01-31: CG-AWS-SG-001 is reported again
resource "aws_security_group_rule" "expired" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
#                      ^^^^^^^^^^^ error CG-AWS-SG-001: SSH (22) is open to the internet (0.0.0.0/0): allow it only from known address ranges
}

# A suppression of another rule does not hide this one.
# cartograph:ignore CG-AWS-SG-003 Wrong rule
resource "aws_security_group_rule" "other_rule" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
#                      ^^^^^^^^^^^ error CG-AWS-SG-001: SSH (22) is open to the internet (0.0.0.0/0): allow it only from known address ranges
}

resource "aws_db_instance" "checkov" {
  #checkov:skip=CKV_AWS_17:Reporting replica read by the BI vendor
  engine              = "postgres"
  instance_class      = "db.t4g.large"
  storage_encrypted   = true
  kms_key_id          = "arn:aws:kms:eu-west-1:111122223333:key/1"
  publicly_accessible = true
}

#tfsec:ignore:aws-kms-auto-rotate-keys
resource "aws_kms_key" "tfsec" {
  description = "Imported key material cannot rotate"
}

# trivy:ignore:AVD-AWS-0107
resource "aws_security_group_rule" "trivy" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

#tfsec:ignore:aws-kms-auto-rotate-keys:exp:2025-03-01
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-SUPPRESSION-EXPIRED: The suppression of aws-kms-auto-rotate-keys expired on 2025-03-01: CG-AWS-KMS-001 is reported again
resource "aws_kms_key" "tfsec_expired" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-KMS-001: Key rotation is off (`enable_key_rotation` defaults to false)
  description = "Was waiting for the rotation ticket"
}
