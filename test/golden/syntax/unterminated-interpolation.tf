locals {
  name = "app-${var.env"
#             ^^ error CG-HCL-SYNTAX: Syntax error: `${` is never closed by `}`
}
