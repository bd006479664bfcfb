variable "project" {
  description = "Short name of the product, used as the prefix of every resource name."
  type        = string
  default     = "northwind"
}

variable "environment" {
  description = "Deployment stage of this workspace."
  type        = string
  default     = "production"

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "The environment must be staging or production."
  }
}

variable "owner" {
  description = "Team accountable for these resources, written into the Owner tag."
  type        = string
  default     = "platform"
}

variable "cost_center" {
  description = "Finance cost center that pays for these resources."
  type        = string
  default     = "CC-1042"
}

variable "tooling_account_id" {
  description = "AWS account that runs the CI pipeline and assumes the deployment role."
  type        = string
  default     = "111122223333"
}

variable "primary_region" {
  description = "Region of the customer-facing platform."
  type        = string
  default     = "eu-west-1"
}

variable "analytics_region" {
  description = "Region of the analytics estate (reporting database and BI access)."
  type        = string
  default     = "eu-central-1"
}

variable "main_vpc_cidr" {
  description = "Address space of the platform VPC."
  type        = string
  default     = "10.20.0.0/16"
}

variable "analytics_vpc_cidr" {
  description = "Address space of the analytics VPC. It must not overlap the platform VPC, which it peers with."
  type        = string
  default     = "10.30.0.0/16"
}

variable "main_azs" {
  description = "Availability zones of the platform VPC, one public and one private subnet in each."
  type        = list(string)
  default     = ["eu-west-1a", "eu-west-1b"]
}

variable "analytics_azs" {
  description = "Availability zones of the analytics VPC, one public and one private subnet in each."
  type        = list(string)
  default     = ["eu-central-1a", "eu-central-1b"]
}

variable "domain_name" {
  description = "Public host name of the application, served by the load balancer."
  type        = string
  default     = "app.northwind-analytics.example"
}

variable "app_instance_type" {
  description = "Instance type of the application servers."
  type        = string
  default     = "t3.medium"
}

variable "app_instance_count" {
  description = "Number of application servers, spread over the private subnets."
  type        = number
  default     = 2
}

variable "app_version" {
  description = "Release of the application image to run, a tag in the northwind/app ECR repository."
  type        = string
  default     = "2024.11.2"
}

variable "db_instance_class" {
  description = "Instance class of the primary Postgres database."
  type        = string
  default     = "db.r6g.large"
}

variable "postgres_version" {
  description = "Postgres engine version of both databases."
  type        = string
  default     = "16.4"
}

variable "bi_vendor_cidrs" {
  description = "Egress addresses of the hosted BI tool that reads the reporting database."
  type        = list(string)
  default     = ["203.0.113.0/24"]
}

# The reporting database predates Secrets Manager at Northwind, and this default was meant to be
# replaced before the first apply.
variable "db_password" {
  description = "Master password of the reporting database."
  type        = string
  default     = "Northwind-Reporting-2023!"
}
