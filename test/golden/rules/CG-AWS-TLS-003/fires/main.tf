resource "aws_api_gateway_domain_name" "api" {
  domain_name     = "api.example.com"
  security_policy = "TLS_1_2"
#                   ^^^^^^^^^ warning CG-AWS-TLS-003: `TLS_1_2` accepts protocols older than TLS 1.3: use a TLS 1.3 policy such as `SecurityPolicy_TLS13_1_3_2025_09`
}
