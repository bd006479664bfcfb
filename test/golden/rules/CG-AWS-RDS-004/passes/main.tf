resource "aws_subnet" "private" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.10.0/24"
}

resource "aws_db_subnet_group" "db" {
  subnet_ids = [aws_subnet.private.id]
}

resource "aws_db_instance" "db" {
  engine               = "postgres"
  instance_class       = "db.t4g.large"
  storage_encrypted    = true
#                        ^^^^ warning CG-AWS-RDS-002: Storage is encrypted with the AWS-managed key: set `kms_key_id` to a customer-managed key
  db_subnet_group_name = aws_db_subnet_group.db.name
}
