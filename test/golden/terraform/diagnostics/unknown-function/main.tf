locals {
  a = cidrsubnets("10.0.0.0/16", 4, 4)
  b = cidrsubnetz("10.0.0.0/16", 4, 1)
#     ^^^^^^^^^^^ error CG-TF-UNKNOWN-FUNCTION: Call to unknown function `cidrsubnetz`
  c = provider::aws::arn_parse("arn:aws:iam::123456789012:role/x")
  d = lenght([1, 2])
#     ^^^^^^ error CG-TF-UNKNOWN-FUNCTION: Call to unknown function `lenght`
}
