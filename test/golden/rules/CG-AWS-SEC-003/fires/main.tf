provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
#              ^^^^^^^^^^^^^^^^^^^^^^ error CG-AWS-SEC-003: `access_key` is written in the provider configuration: use the standard credential chain
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
#              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error CG-AWS-SEC-003: `secret_key` is written in the provider configuration: use the standard credential chain
}
