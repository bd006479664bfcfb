module "net" {
  source = "./modules/net"
  cidr = var.cidr +
#                 ^ error CG-HCL-SYNTAX: Syntax error: unexpected `+`
}
