module "net" {
  source = "./modules/net"
}

output "id" {
  value = module.net.vpc$0_id
}
