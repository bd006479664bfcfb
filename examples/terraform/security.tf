# Security groups of the platform VPC. Traffic flows internet → alb → app → db; every hop names the
# group it accepts traffic from, except the load balancer, which serves the world.

resource "aws_security_group" "alb" {
  name        = "${local.name_prefix}-alb"
  description = "Public HTTPS entry point of the application"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from the internet"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "HTTP from the internet, redirected to HTTPS"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "Partner API for the legacy integration"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "To the application servers"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = [var.main_vpc_cidr]
  }

  tags = {
    Name = "${local.name_prefix}-alb"
  }
}

resource "aws_security_group" "app" {
  name        = "${local.name_prefix}-app"
  description = "Application servers behind the load balancer"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "Application traffic from the load balancer"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }

  ingress {
    description     = "SSH from the bastion"
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    security_groups = [aws_security_group.bastion.id]
  }

  egress {
    description = "HTTPS to AWS APIs and the container registry"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "Postgres inside the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.main_vpc_cidr]
  }

  tags = {
    Name = "${local.name_prefix}-app"
  }
}

resource "aws_security_group" "etl" {
  name        = "${local.name_prefix}-etl"
  description = "Nightly export and reporting ETL"
  vpc_id      = aws_vpc.main.id

  egress {
    description = "HTTPS to AWS APIs"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "Postgres in both VPCs"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.main_vpc_cidr, var.analytics_vpc_cidr]
  }

  tags = {
    Name = "${local.name_prefix}-etl"
  }
}

resource "aws_security_group" "db" {
  name        = "${local.name_prefix}-db"
  description = "Primary Postgres database"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "Postgres from the application and the ETL worker"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id, aws_security_group.etl.id]
  }

  tags = {
    Name = "${local.name_prefix}-db"
  }
}

# The bastion's rules are separate resources so that on-call engineers can add a temporary rule
# without touching the group. Both rules below outlived their tickets.
resource "aws_security_group" "bastion" {
  name        = "${local.name_prefix}-bastion"
  description = "SSH jump host for on-call engineers"
  vpc_id      = aws_vpc.main.id

  tags = {
    Name = "${local.name_prefix}-bastion"
  }
}

resource "aws_security_group_rule" "bastion_ssh" {
  type              = "ingress"
  description       = "SSH for on-call engineers (OPS-1187)"
  security_group_id = aws_security_group.bastion.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "bastion_vendor_support" {
  type              = "ingress"
  description       = "Vendor support session over IPv6 (OPS-1432)"
  security_group_id = aws_security_group.bastion.id
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_security_group_rule" "bastion_egress_ssh" {
  type              = "egress"
  description       = "SSH to hosts inside the VPC"
  security_group_id = aws_security_group.bastion.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [var.main_vpc_cidr]
}

# Security group of the analytics VPC. Security groups cannot reference each other across regions,
# so the ETL worker in the platform VPC is allowed by the platform VPC's CIDR block.

resource "aws_security_group" "reporting_db" {
  provider = aws.eu_central

  name        = "${local.name_prefix}-reporting-db"
  description = "Reporting Postgres database read by the hosted BI tool"
  vpc_id      = aws_vpc.analytics.id

  tags = {
    Name = "${local.name_prefix}-reporting-db"
  }
}

resource "aws_vpc_security_group_ingress_rule" "reporting_db_bi_vendor" {
  provider = aws.eu_central
  for_each = toset(var.bi_vendor_cidrs)

  security_group_id = aws_security_group.reporting_db.id
  description       = "Postgres from the hosted BI tool"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "reporting_db_etl" {
  provider = aws.eu_central

  security_group_id = aws_security_group.reporting_db.id
  description       = "Postgres from the ETL worker over the peering connection"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = var.main_vpc_cidr
}
