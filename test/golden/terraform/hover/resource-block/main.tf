variable "cidr" {
  default = "10.20.0.0/16"
}

res$0ource "aws_vpc" "main" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  tags                 = { Name = "main" }
}
