resource "aws_lb_listener" "http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"
  port              = 80
  protocol          = "HTTP"
#                     ^^^^^^ warning CG-AWS-TLS-004: This HTTP listener forwards traffic unencrypted: redirect it to HTTPS instead

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1"
  }
}
