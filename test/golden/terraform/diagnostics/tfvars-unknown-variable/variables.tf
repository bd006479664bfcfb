variable "region" {}
variable "cidr" {}
