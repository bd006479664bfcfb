resource "aws_api_gateway_domain_name" "api" {
  domain_name     = "api.example.com"
  security_policy = "SecurityPolicy_TLS13_1_3_2025_09"
}
