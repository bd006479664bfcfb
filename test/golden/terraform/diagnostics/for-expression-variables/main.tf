variable "subnets" {
  default = { a = "10.0.1.0/24" }
}

locals {
  cidrs  = [for name, cidr in var.subnets : cidr if name != ""]
  byname = { for s in keys(var.subnets) : s => upper(s)... }
  bad    = [for s in var.subnets : t]
}
