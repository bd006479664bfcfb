module "net" {
  source = "./net"
}

output "id" {
  value = module.net.i$0d
}
