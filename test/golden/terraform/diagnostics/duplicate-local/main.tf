locals {
  env = "prod"
}

locals {
  env = "dev"
# ^^^ error CG-TF-DUPLICATE: Duplicate local value `local.env`: already declared at line 2
}
