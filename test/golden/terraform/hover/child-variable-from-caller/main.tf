module "net" {
  source = "./net"
  cidr   = "10.30.0.0/16"
}
