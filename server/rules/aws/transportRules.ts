import type { Rule, RuleViolation } from '../ruleTypes';
import { knownBool, knownNumber, knownString } from '../valueChecks';

/** The recommended TLS 1.3-only policy for load balancers. */
export const tls13LoadBalancerPolicy = 'ELBSecurityPolicy-TLS13-1-3-2021-06';

/** ALB/NLB policies that accept TLS 1.3 and nothing older (the FIPS and post-quantum variants too). */
function isTls13OnlyPolicy(name: string): boolean {
  return /^ELBSecurityPolicy-TLS13-1-3-/.test(name);
}

const listenerTypes = ['aws_lb_listener', 'aws_alb_listener'];

export const albTls13: Rule = {
  id: 'CG-AWS-TLS-001',
  name: 'LoadBalancerListenerNotTls13Only',
  title: 'Load balancer listeners accept only TLS 1.3',
  severity: 'warning',
  profiles: ['tls13'],
  appliesTo: listenerTypes,
  rationale: 'Older security policies such as `ELBSecurityPolicy-2016-08` still accept TLS 1.0 and 1.1, whose weaknesses let an attacker downgrade or decrypt sessions. A TLS 1.3-only policy removes every legacy protocol and cipher suite.',
  remediation: `Set \`ssl_policy\` to a TLS 1.3-only policy: \`${tls13LoadBalancerPolicy}\`, or \`ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04\` where FIPS is required.`,
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html'],
  tags: ['security', 'tls', 'encryption-in-transit'],
  example: {
    bad: 'resource "aws_lb_listener" "api" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/api/1"\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-2016-08"\n}\n',
    good: `resource "aws_lb_listener" "api" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/api/1"\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "${tls13LoadBalancerPolicy}"\n}\n`,
  },
  check(r) {
    const protocol = knownString(r.attribute('protocol'));
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return [];
    const fix = { title: `Use ${tls13LoadBalancerPolicy}`, target: r, attribute: 'ssl_policy', hcl: `"${tls13LoadBalancerPolicy}"` };
    const policy = r.attribute('ssl_policy');
    if (policy === undefined) return [{ message: `This ${protocol} listener uses the default security policy, which accepts TLS 1.0 and 1.1: set \`ssl_policy\` to a TLS 1.3-only policy such as \`${tls13LoadBalancerPolicy}\``, at: r, path: 'protocol', fix }];
    const name = knownString(policy);
    if (name === undefined || isTls13OnlyPolicy(name)) return [];
    return [{ message: `\`${name}\` accepts protocols older than TLS 1.3: use a TLS 1.3-only policy such as \`${tls13LoadBalancerPolicy}\``, at: r, path: 'ssl_policy', fix }];
  },
};

const oneYear = 31536000;

export const albHsts: Rule = {
  id: 'CG-AWS-HSTS-001',
  name: 'LoadBalancerListenerWithoutHsts',
  title: 'HTTPS listeners send a Strict-Transport-Security header',
  severity: 'warning',
  profiles: ['tls13'],
  appliesTo: listenerTypes,
  rationale: 'Without HSTS a browser that is sent to `http://` once can be kept on plain HTTP by an attacker on the network (SSL stripping). Application load balancers can add the header themselves.',
  remediation: 'Set `routing_http_response_strict_transport_security_header_value = "max-age=31536000; includeSubDomains"` on HTTPS listeners.',
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/header-modification.html'],
  tags: ['security', 'tls', 'hsts'],
  example: {
    bad: 'resource "aws_lb_listener" "web" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-3-2021-06"\n}\n',
    good: 'resource "aws_lb_listener" "web" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-3-2021-06"\n\n  routing_http_response_strict_transport_security_header_value = "max-age=31536000; includeSubDomains"\n}\n',
  },
  check(r) {
    if (knownString(r.attribute('protocol')) !== 'HTTPS') return [];
    const attribute = 'routing_http_response_strict_transport_security_header_value';
    const value = r.attribute(attribute);
    const fix = { title: 'Send Strict-Transport-Security for a year', target: r, attribute, hcl: '"max-age=31536000; includeSubDomains"' };
    if (value === undefined) return [{ message: 'This HTTPS listener sends no Strict-Transport-Security header: browsers can be kept on plain HTTP', at: r, path: 'protocol', fix }];
    const text = knownString(value);
    if (text === undefined) return [];
    const maxAge = /max-age\s*=\s*(\d+)/i.exec(text);
    if (maxAge && Number(maxAge[1]) >= oneYear) return [];
    return [{ message: `The Strict-Transport-Security header \`${text}\` has a max-age below one year (31536000 seconds)`, at: r, path: attribute, fix }];
  },
};

export const plaintextListener: Rule = {
  id: 'CG-AWS-TLS-004',
  name: 'PlaintextLoadBalancerListener',
  title: 'Internet-facing HTTP listeners only redirect to HTTPS',
  severity: 'warning',
  profiles: ['baseline', 'tls13'],
  appliesTo: listenerTypes,
  rationale: 'A plain HTTP listener that forwards requests sends cookies, tokens and data unencrypted across the internet.',
  remediation: 'Make the HTTP listener\'s default action a `redirect` to HTTPS (status `HTTP_301`), and serve the application from an HTTPS listener.',
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html'],
  tags: ['security', 'tls', 'encryption-in-transit'],
  example: {
    bad: 'resource "aws_lb_listener" "http" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"\n  port              = 80\n  protocol          = "HTTP"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1"\n  }\n}\n',
    good: 'resource "aws_lb_listener" "http" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1"\n  port              = 80\n  protocol          = "HTTP"\n\n  default_action {\n    type = "redirect"\n\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n}\n',
  },
  check(r) {
    if (knownString(r.attribute('protocol')) !== 'HTTP') return [];
    const lb = r.referenced('load_balancer_arn');
    if (lb && knownBool(lb.attribute('internal')) !== false) return [];
    const actions = r.blocks('default_action');
    if (actions.length === 0) return [];
    const types = actions.map((a) => knownString(a.attribute('type')));
    if (types.some((t) => t === undefined || t === 'redirect' || t === 'fixed-response')) return [];
    return [{ message: 'This HTTP listener forwards traffic unencrypted: redirect it to HTTPS instead', at: r, path: 'protocol' }];
  },
};

export const cloudFrontTls: Rule = {
  id: 'CG-AWS-TLS-002',
  name: 'CloudFrontMinimumProtocolNotTls13',
  title: 'CloudFront distributions require TLS 1.3 from viewers',
  severity: 'warning',
  profiles: ['tls13'],
  appliesTo: ['aws_cloudfront_distribution'],
  rationale: 'The viewer certificate\'s `minimum_protocol_version` decides the oldest TLS version CloudFront negotiates with browsers; the default certificate always allows TLS 1.0.',
  remediation: 'Use a custom certificate (`acm_certificate_arn`, `ssl_support_method = "sni-only"`) with `minimum_protocol_version = "TLSv1.3_2025"`.',
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html'],
  tags: ['security', 'tls', 'encryption-in-transit'],
  example: {
    bad: 'resource "aws_cloudfront_distribution" "site" {\n  enabled = true\n\n  viewer_certificate {\n    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"\n    ssl_support_method       = "sni-only"\n    minimum_protocol_version = "TLSv1.2_2021"\n  }\n}\n',
    good: 'resource "aws_cloudfront_distribution" "site" {\n  enabled = true\n\n  viewer_certificate {\n    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"\n    ssl_support_method       = "sni-only"\n    minimum_protocol_version = "TLSv1.3_2025"\n  }\n}\n',
  },
  check(r) {
    const out: RuleViolation[] = [];
    for (const cert of r.blocks('viewer_certificate')) {
      if (knownBool(cert.attribute('cloudfront_default_certificate')) === true) {
        out.push({ message: 'The default CloudFront certificate always accepts TLS 1.0: use a custom certificate with `minimum_protocol_version = "TLSv1.3_2025"`', at: cert, path: 'cloudfront_default_certificate' });
        continue;
      }
      const version = cert.attribute('minimum_protocol_version');
      const fix = { title: 'Require TLS 1.3', target: cert, attribute: 'minimum_protocol_version', hcl: '"TLSv1.3_2025"' };
      if (version === undefined) {
        out.push({ message: 'No `minimum_protocol_version`: CloudFront accepts TLS 1.0 from viewers', at: cert, fix });
        continue;
      }
      const text = knownString(version);
      if (text !== undefined && !text.startsWith('TLSv1.3')) out.push({ message: `\`${text}\` accepts protocols older than TLS 1.3: use \`TLSv1.3_2025\``, at: cert, path: 'minimum_protocol_version', fix });
    }
    return out;
  },
};

export const apiGatewayTls: Rule = {
  id: 'CG-AWS-TLS-003',
  name: 'ApiGatewayDomainNotTls13',
  title: 'API Gateway custom domains use a TLS 1.3 security policy',
  severity: 'warning',
  profiles: ['tls13'],
  appliesTo: ['aws_api_gateway_domain_name'],
  rationale: 'The `security_policy` of a custom domain decides the TLS versions clients may use; `TLS_1_0` and `TLS_1_2` accept older protocols.',
  remediation: 'Set `security_policy` to a TLS 1.3 policy such as `SecurityPolicy_TLS13_1_3_2025_09` (with `endpoint_access_mode` where required).',
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html'],
  tags: ['security', 'tls', 'encryption-in-transit'],
  example: {
    bad: 'resource "aws_api_gateway_domain_name" "api" {\n  domain_name     = "api.example.com"\n  security_policy = "TLS_1_2"\n}\n',
    good: 'resource "aws_api_gateway_domain_name" "api" {\n  domain_name     = "api.example.com"\n  security_policy = "SecurityPolicy_TLS13_1_3_2025_09"\n}\n',
  },
  check(r) {
    const policy = r.attribute('security_policy');
    if (policy === undefined) return [{ message: 'No `security_policy`: the domain accepts TLS 1.2 (or older)', at: r }];
    const name = knownString(policy);
    if (name === undefined || /TLS13_1_3/.test(name)) return [];
    return [{ message: `\`${name}\` accepts protocols older than TLS 1.3: use a TLS 1.3 policy such as \`SecurityPolicy_TLS13_1_3_2025_09\``, at: r, path: 'security_policy' }];
  },
};

export const cloudFrontHsts: Rule = {
  id: 'CG-AWS-HSTS-002',
  name: 'CloudFrontHeadersWithoutHsts',
  title: 'CloudFront response header policies send HSTS for at least a year',
  severity: 'warning',
  profiles: ['tls13'],
  appliesTo: ['aws_cloudfront_response_headers_policy'],
  rationale: 'A response headers policy is where CloudFront adds security headers; without Strict-Transport-Security browsers can be kept on plain HTTP.',
  remediation: 'Add `security_headers_config { strict_transport_security { access_control_max_age_sec = 31536000, include_subdomains = true, override = true } }`.',
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html'],
  tags: ['security', 'tls', 'hsts'],
  example: {
    bad: 'resource "aws_cloudfront_response_headers_policy" "site" {\n  name = "site"\n\n  security_headers_config {\n    content_type_options {\n      override = true\n    }\n  }\n}\n',
    good: 'resource "aws_cloudfront_response_headers_policy" "site" {\n  name = "site"\n\n  security_headers_config {\n    strict_transport_security {\n      access_control_max_age_sec = 31536000\n      include_subdomains         = true\n      override                   = true\n    }\n  }\n}\n',
  },
  check(r) {
    const configs = r.blocks('security_headers_config');
    if (configs.length === 0) return [{ message: 'This response headers policy sets no Strict-Transport-Security header', at: r }];
    const out: RuleViolation[] = [];
    for (const c of configs) {
      const hsts = c.blocks('strict_transport_security');
      if (hsts.length === 0) out.push({ message: 'This response headers policy sets no Strict-Transport-Security header', at: c });
      for (const h of hsts) {
        const age = knownNumber(h.attribute('access_control_max_age_sec'));
        if (age !== undefined && age < oneYear) out.push({ message: `HSTS max-age ${age} is below one year (31536000 seconds)`, at: h, path: 'access_control_max_age_sec' });
      }
    }
    return out;
  },
};

export const awsTransportRules: Rule[] = [albTls13, cloudFrontTls, apiGatewayTls, plaintextListener, albHsts, cloudFrontHsts];
