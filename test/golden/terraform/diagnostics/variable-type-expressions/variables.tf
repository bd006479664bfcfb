variable "subnets" {
  type = list(object({
    name = string
    cidr = optional(string, "10.0.0.0/24")
  }))
  validation {
    condition     = length(var.subnets) > 0
    error_message = "At least one subnet."
  }
}

variable "tags" {
  type = map(string)
}
