module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

output "id" {
  value = module.vpc.vpc_id
}
