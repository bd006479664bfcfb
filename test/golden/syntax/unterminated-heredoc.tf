resource "aws_instance" "web" {
  ami = "ami-123"
  user_data = <<EOT
#             ^^^^^ error CG-HCL-SYNTAX: Syntax error: the heredoc `<<EOT` is never closed by a line holding `EOT`
#!/bin/bash
echo hello
}

#< error CG-HCL-SYNTAX: Syntax error: missing `}` to close `resource "aws_instance" "web"` opened on line 1