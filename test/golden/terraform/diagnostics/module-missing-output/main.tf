module "net" {
  source = "./net"
  cidr   = "10.0.0.0/16"
}

output "id" {
  value = module.net.vpc_id
}

output "cidr" {
  value = module.net.cidr_block
#                    ^^^^^^^^^^ error CG-TF-UNDECLARED: Module `net` (net) has no output named `cidr_block`
}
