resource "aws_instance" "web" {
  ami = "ami-123"
  lifecycle {
    ignore_changes        = [tags, ami]
    replace_triggered_by  = [aws_launch_template.app]
    create_before_destroy = true
  }
}

resource "aws_launch_template" "app" {}

moved {
  from = aws_instance.old
  to   = aws_instance.web
}
