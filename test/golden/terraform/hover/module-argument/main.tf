module "net" {
  source = "./net"
  ci$0dr   = "10.30.0.0/16"
}
