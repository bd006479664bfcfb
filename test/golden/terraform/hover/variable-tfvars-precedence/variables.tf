variable "cidr" {
  description = "The VPC's address range."
  type        = string
  default     = "10.0.0.0/16"
}
