variable "cidr" {}

output "private_cidr" {
  description = "The first private subnet's range."
  value       = cidrsubnet(var.cidr, 8, 10)
}
