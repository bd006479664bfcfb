region = "eu-west-1"
cidr   = "10.0.0.0/16"
zone   = "eu-west-1a"
#<^^^^ warning CG-TF-TFVARS-UNKNOWN: `zone` is assigned here but no `variable "zone"` block declares it
