resource "aws_internet_gateway" "main" {
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_subnet" "public" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.0.0/24"
}

resource "aws_route_table" "public" {
  vpc_id = "vpc-0123456789abcdef0"

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_db_subnet_group" "db" {
  subnet_ids = [aws_subnet.public.id]
}

resource "aws_db_instance" "db" {
  engine               = "postgres"
  instance_class       = "db.t4g.large"
  storage_encrypted    = true
#                        ^^^^ warning CG-AWS-RDS-002: Storage is encrypted with the AWS-managed key: set `kms_key_id` to a customer-managed key
  db_subnet_group_name = aws_db_subnet_group.db.name
#                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-RDS-004: The DB subnet group `aws_db_subnet_group.db` holds public subnets (`aws_subnet.public`) routed to an internet gateway: use private subnets for data
}
