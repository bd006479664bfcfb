output "vpc" {
  value = module.network.vpc_id
#         ^^^^^^^^^^^^^^ error CG-TF-UNDECLARED: Reference to undeclared module `module.network`
}
