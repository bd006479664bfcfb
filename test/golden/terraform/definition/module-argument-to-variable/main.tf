module "net" {
  source = "./modules/net"
  ci$0dr   = "10.0.0.0/16"
}
