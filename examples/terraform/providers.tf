# The platform lives in Ireland; the analytics estate lives in Frankfurt. Both regions are on the
# EU residency list that Northwind promises its customers.
provider "aws" {
  region = var.primary_region

  default_tags {
    tags = local.common_tags
  }
}

provider "aws" {
  alias  = "eu_central"
  region = var.analytics_region

  default_tags {
    tags = local.common_tags
  }
}
