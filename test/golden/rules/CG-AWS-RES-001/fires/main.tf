provider "aws" {
  region = "us-east-1"
#          ^^^^^^^^^^^ error CG-AWS-RES-001: Region `us-east-1` is not in the allowed regions (austriaeast, belgiumcentral, denmarkeast, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, …)
}
