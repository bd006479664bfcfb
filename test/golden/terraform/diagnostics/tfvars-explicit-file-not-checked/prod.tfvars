region = "eu-west-1"
extra  = true
