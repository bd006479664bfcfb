module "net" {
  source = "./net"
}

output "a" {
  value = module.net.id
}

output "b" {
  value = "${module.net.id}-x"
}
