resource "aws_cloudfront_response_headers_policy" "site" {
  name = "site"

  security_headers_config {
# ^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-HSTS-002: This response headers policy sets no Strict-Transport-Security header
    content_type_options {
      override = true
    }
  }
}
