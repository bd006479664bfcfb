resource "aws_lb_listener" "api" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/api/1"
  port              = 443
  protocol          = "HTTPS"
#                     ^^^^^^^ warning CG-AWS-HSTS-001: This HTTPS listener sends no Strict-Transport-Security header: browsers can be kept on plain HTTP
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-3-2021-06"
}
