variable "env" {
  default = "prod"
}

locals {
  scr$0ipt = <<-EOT
    #!/bin/bash
    echo "${var.env}"
  EOT
}
