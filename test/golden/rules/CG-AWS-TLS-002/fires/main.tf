resource "aws_cloudfront_distribution" "site" {
  enabled = true

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
#                              ^^^^^^^^^^^^^^ warning CG-AWS-TLS-002: `TLSv1.2_2021` accepts protocols older than TLS 1.3: use `TLSv1.3_2025`
  }
}
