resource "aws_subnet" "a" {
  vpc_id = aws_vpc.main.id
}
