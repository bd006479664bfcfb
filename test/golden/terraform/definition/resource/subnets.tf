resource "aws_subnet" "a" {
  vpc_id = aws_v$0pc.main.id
}
