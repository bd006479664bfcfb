variable "ports" {
  default = [22, 443,, 5432]
#                    | error CG-HCL-SYNTAX: Syntax error: expected a value
}
