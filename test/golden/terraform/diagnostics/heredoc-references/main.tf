variable "env" {}

resource "aws_instance" "web" {
  user_data = <<-EOT
    #!/bin/bash
    echo "${var.env}"
    echo "${var.region}"
#           ^^^^^^^^^^ error CG-TF-UNDECLARED: Reference to undeclared input variable `var.region`: add a `variable "region"` block
  EOT
}
