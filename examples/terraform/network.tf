# Platform VPC (eu-west-1): the load balancer, NAT gateway and bastion sit in the public subnets;
# the application servers and the primary database sit in the private subnets.

resource "aws_vpc" "main" {
  cidr_block           = var.main_vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = "${local.name_prefix}-main"
  }
}

resource "aws_subnet" "main_public" {
  count = length(var.main_azs)

  vpc_id                  = aws_vpc.main.id
  availability_zone       = var.main_azs[count.index]
  cidr_block              = local.main_public_subnet_cidrs[count.index]
  map_public_ip_on_launch = false

  tags = {
    Name = "${local.name_prefix}-main-public-${var.main_azs[count.index]}"
    Tier = "public"
  }
}

resource "aws_subnet" "main_private" {
  count = length(var.main_azs)

  vpc_id            = aws_vpc.main.id
  availability_zone = var.main_azs[count.index]
  cidr_block        = local.main_private_subnet_cidrs[count.index]

  tags = {
    Name = "${local.name_prefix}-main-private-${var.main_azs[count.index]}"
    Tier = "private"
  }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = "${local.name_prefix}-main"
  }
}

resource "aws_eip" "nat" {
  domain = "vpc"

  tags = {
    Name = "${local.name_prefix}-nat"
  }

  depends_on = [aws_internet_gateway.main]
}

# One NAT gateway is a deliberate cost trade-off: losing its zone cuts the private subnets' egress
# but not the traffic served through the load balancer.
resource "aws_nat_gateway" "main" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.main_public[0].id

  tags = {
    Name = "${local.name_prefix}-nat"
  }

  depends_on = [aws_internet_gateway.main]
}

resource "aws_route_table" "main_public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }

  tags = {
    Name = "${local.name_prefix}-main-public"
  }
}

resource "aws_route_table" "main_private" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main.id
  }

  route {
    cidr_block                = var.analytics_vpc_cidr
    vpc_peering_connection_id = aws_vpc_peering_connection.main_to_analytics.id
  }

  tags = {
    Name = "${local.name_prefix}-main-private"
  }
}

resource "aws_route_table_association" "main_public" {
  count = length(var.main_azs)

  subnet_id      = aws_subnet.main_public[count.index].id
  route_table_id = aws_route_table.main_public.id
}

resource "aws_route_table_association" "main_private" {
  count = length(var.main_azs)

  subnet_id      = aws_subnet.main_private[count.index].id
  route_table_id = aws_route_table.main_private.id
}

# Exports to S3 stay on the AWS network and do not pay NAT gateway data charges.
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.${var.primary_region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.main_private.id]

  tags = {
    Name = "${local.name_prefix}-s3"
  }
}

# Analytics VPC (eu-central-1): the reporting database and, in time, the BI workers.

resource "aws_vpc" "analytics" {
  provider = aws.eu_central

  cidr_block           = var.analytics_vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = "${local.name_prefix}-analytics"
  }
}

resource "aws_subnet" "analytics_public" {
  provider = aws.eu_central
  count    = length(var.analytics_azs)

  vpc_id                  = aws_vpc.analytics.id
  availability_zone       = var.analytics_azs[count.index]
  cidr_block              = local.analytics_public_subnet_cidrs[count.index]
  map_public_ip_on_launch = false

  tags = {
    Name = "${local.name_prefix}-analytics-public-${var.analytics_azs[count.index]}"
    Tier = "public"
  }
}

resource "aws_subnet" "analytics_private" {
  provider = aws.eu_central
  count    = length(var.analytics_azs)

  vpc_id            = aws_vpc.analytics.id
  availability_zone = var.analytics_azs[count.index]
  cidr_block        = local.analytics_private_subnet_cidrs[count.index]

  tags = {
    Name = "${local.name_prefix}-analytics-private-${var.analytics_azs[count.index]}"
    Tier = "private"
  }
}

resource "aws_internet_gateway" "analytics" {
  provider = aws.eu_central

  vpc_id = aws_vpc.analytics.id

  tags = {
    Name = "${local.name_prefix}-analytics"
  }
}

resource "aws_route_table" "analytics_public" {
  provider = aws.eu_central

  vpc_id = aws_vpc.analytics.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.analytics.id
  }

  route {
    cidr_block                = var.main_vpc_cidr
    vpc_peering_connection_id = aws_vpc_peering_connection.main_to_analytics.id
  }

  tags = {
    Name = "${local.name_prefix}-analytics-public"
  }
}

# The private subnets have no route to the internet: they reach the platform VPC over the peering
# connection and nothing else.
resource "aws_route_table" "analytics_private" {
  provider = aws.eu_central

  vpc_id = aws_vpc.analytics.id

  route {
    cidr_block                = var.main_vpc_cidr
    vpc_peering_connection_id = aws_vpc_peering_connection.main_to_analytics.id
  }

  tags = {
    Name = "${local.name_prefix}-analytics-private"
  }
}

resource "aws_route_table_association" "analytics_public" {
  provider = aws.eu_central
  count    = length(var.analytics_azs)

  subnet_id      = aws_subnet.analytics_public[count.index].id
  route_table_id = aws_route_table.analytics_public.id
}

resource "aws_route_table_association" "analytics_private" {
  provider = aws.eu_central
  count    = length(var.analytics_azs)

  subnet_id      = aws_subnet.analytics_private[count.index].id
  route_table_id = aws_route_table.analytics_private.id
}

# Peering across regions: the platform side requests, the analytics side accepts.

resource "aws_vpc_peering_connection" "main_to_analytics" {
  vpc_id      = aws_vpc.main.id
  peer_vpc_id = aws_vpc.analytics.id
  peer_region = var.analytics_region
  auto_accept = false

  tags = {
    Name = "${local.name_prefix}-main-to-analytics"
    Side = "requester"
  }
}

resource "aws_vpc_peering_connection_accepter" "analytics" {
  provider = aws.eu_central

  vpc_peering_connection_id = aws_vpc_peering_connection.main_to_analytics.id
  auto_accept               = true

  tags = {
    Name = "${local.name_prefix}-main-to-analytics"
    Side = "accepter"
  }
}
