variable "cidr" {
  type = string
}

variable "policy_name" {
  type = string
}

# Nothing here can be known before apply: no rule may fire.
resource "aws_security_group_rule" "from_variable" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [var.cidr]
}

resource "aws_lb_listener" "from_variable" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.policy_name

  routing_http_response_strict_transport_security_header_value = "max-age=31536000"
}

resource "aws_db_instance" "computed" {
  engine              = "postgres"
  instance_class      = "db.t4g.large"
  storage_encrypted   = var.cidr == "x"
  kms_key_id          = "arn:aws:kms:eu-west-1:111122223333:key/1"
  publicly_accessible = var.cidr != "y"
}

resource "aws_iam_policy" "computed" {
  name = "computed"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.policy_name, Resource = "*" }]
  })
}

# Known values next to unknown ones still count.
resource "aws_security_group" "mixed" {
  name = "mixed"

  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = [var.cidr, "0.0.0.0/0"]
#                            ^^^^^^^^^^^ error CG-AWS-SG-002: MySQL (3306) is open to the internet (0.0.0.0/0): allow it only from the application tier or known address ranges
  }
}
