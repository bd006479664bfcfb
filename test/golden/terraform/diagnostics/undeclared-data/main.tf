resource "aws_instance" "web" {
  ami = data.aws_ami.ubuntu.id
#       ^^^^^^^^^^^^^^^^^^^ error CG-TF-UNDECLARED: Reference to undeclared data source `data.aws_ami.ubuntu`
}
