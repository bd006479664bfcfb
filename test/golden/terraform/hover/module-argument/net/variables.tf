variable "cidr" {
  description = "Address space of the VPC."
}
