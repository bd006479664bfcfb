variable "region" {
#         ^^^^^^ error CG-TF-DUPLICATE: Duplicate variable `var.region`: already declared at more.tf:1
  default = "eu-west-1"
}
