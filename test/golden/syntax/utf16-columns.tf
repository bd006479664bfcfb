locals {
  a = "é😀" +
#           ^ error CG-HCL-SYNTAX: Syntax error: unexpected `+`
}
