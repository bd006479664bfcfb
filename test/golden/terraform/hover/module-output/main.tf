module "net" {
  source = "./net"
  cidr   = "10.30.0.0/16"
}

output "private" {
  value = module.net.private$0_cidr
}
