locals {
  env = "prod"
}

resource "aws_vpc" "main" {
  tags = { Env = local.env, Team = local.team }
#                                  ^^^^^^^^^^ error CG-TF-UNDECLARED: Reference to undeclared local value `local.team`: declare it in a `locals` block
}
