output "app_url" {
  description = "Public address of the application."
  value       = "https://${var.domain_name}"
}

output "load_balancer_dns_name" {
  description = "DNS name of the load balancer, the target of the application's CNAME record."
  value       = aws_lb.app.dns_name
}

output "main_vpc_id" {
  description = "ID of the platform VPC."
  value       = aws_vpc.main.id
}

output "analytics_vpc_id" {
  description = "ID of the analytics VPC."
  value       = aws_vpc.analytics.id
}

output "app_instance_ids" {
  description = "IDs of the application servers."
  value       = aws_instance.app[*].id
}

output "bastion_public_ip" {
  description = "Public address of the SSH bastion."
  value       = aws_instance.bastion.public_ip
}

output "database_endpoint" {
  description = "Endpoint of the primary Postgres database."
  value       = aws_db_instance.main.endpoint
}

output "reporting_database_endpoint" {
  description = "Endpoint of the reporting Postgres database."
  value       = aws_db_instance.reporting.endpoint
}

output "export_bucket" {
  description = "Bucket that holds the nightly exports."
  value       = module.exports.bucket_id
}

output "audit_log_bucket" {
  description = "Bucket that holds the CloudTrail logs."
  value       = aws_s3_bucket.audit_logs.id
}
