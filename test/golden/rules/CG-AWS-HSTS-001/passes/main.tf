resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-3-2021-06"

  routing_http_response_strict_transport_security_header_value = "max-age=31536000; includeSubDomains"
}
