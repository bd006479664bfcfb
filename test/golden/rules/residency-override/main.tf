provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
#          ^^^^^^^^^^^^^^ error CG-AWS-RES-001: Region `eu-central-1` is not in the allowed regions (eu-west-1, westeurope)
}

provider "aws" {
  alias  = "unknown"
  region = var.region
}

variable "region" {
  type = string
}

resource "azurerm_resource_group" "ok" {
  name     = "ok"
  location = "westeurope"
}

resource "azurerm_resource_group" "not_allowed" {
  name     = "no"
  location = "North Europe"
#            ^^^^^^^^^^^^^^ error CG-AZ-RES-001: Location `North Europe` is not in the allowed regions
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t4g.large"
  storage_encrypted = true
}

resource "aws_db_instance_automated_backups_replication" "to_frankfurt" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error CG-AWS-RES-002: The automated-backup copy is in `eu-central-1`, which is not in the allowed regions (eu-west-1, westeurope)
  provider               = aws.frankfurt
  source_db_instance_arn = aws_db_instance.main.arn
}

resource "aws_db_instance_automated_backups_replication" "same_region" {
  source_db_instance_arn = aws_db_instance.main.arn
#                          ^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-RES-003: Backups of `aws_db_instance.main` are copied within their own region (`eu-west-1`): copy them to a second allowed region
}
