/**
 * Elastic Load Balancing (v2) load balancers, listeners and target groups to the snapshot model.
 * Listeners keep their TLS policy and actions, which the TLS rules and the diagram's load-balancer
 * edges read; target groups keep their registered targets.
 */
import type { Action, Listener, LoadBalancer, TargetGroup, TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AttributeValue } from '../../protocol/snapshot';
import type { UncheckedResource } from '../sanitiseResource';
import { present, relationsTo } from '../relations';
import { awsResource, type AwsScope } from './awsResource';

export function mapLoadBalancer(scope: AwsScope, lb: LoadBalancer): UncheckedResource {
  const zones = lb.AvailabilityZones ?? [];
  return awsResource(scope, {
    id: lb.LoadBalancerArn ?? '',
    type: 'loadBalancer',
    nativeType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    parent: lb.VpcId,
    fallbackName: lb.LoadBalancerName,
    attributes: {
      loadBalancerType: lb.Type,
      scheme: lb.Scheme,
      dnsName: lb.DNSName,
      ipAddressType: lb.IpAddressType,
      state: lb.State?.Code,
    },
    relations: [
      ...relationsTo('inSubnet', zones.map((z) => z.SubnetId)),
      ...relationsTo('usesSecurityGroup', lb.SecurityGroups ?? []),
    ],
  });
}

function actionTargets(action: Action): string[] {
  return present([action.TargetGroupArn, ...(action.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)]);
}

function mapAction(action: Action): AttributeValue {
  const out: Record<string, AttributeValue> = { type: action.Type ?? 'unknown' };
  const targets = actionTargets(action);
  if (targets.length) out.targetGroups = targets;
  const redirect = action.RedirectConfig;
  if (redirect) {
    const r: Record<string, AttributeValue> = {};
    if (redirect.Protocol) r.protocol = redirect.Protocol;
    if (redirect.Port) r.port = redirect.Port;
    if (redirect.StatusCode) r.statusCode = redirect.StatusCode;
    out.redirect = r;
  }
  if (action.FixedResponseConfig?.StatusCode) out.fixedResponseStatus = action.FixedResponseConfig.StatusCode;
  return out;
}

export function mapListener(scope: AwsScope, listener: Listener): UncheckedResource {
  const actions = listener.DefaultActions ?? [];
  return awsResource(scope, {
    id: listener.ListenerArn ?? '',
    type: 'listener',
    nativeType: 'AWS::ElasticLoadBalancingV2::Listener',
    parent: listener.LoadBalancerArn,
    fallbackName: `${listener.Protocol ?? ''}:${listener.Port ?? ''}`,
    attributes: {
      port: listener.Port,
      protocol: listener.Protocol,
      // Only TLS listeners have a policy (some endpoints report a default on plain HTTP too).
      sslPolicy: listener.Protocol === 'HTTPS' || listener.Protocol === 'TLS' ? listener.SslPolicy : undefined,
      certificateArns: present((listener.Certificates ?? []).map((c) => c.CertificateArn)),
      alpnPolicy: listener.AlpnPolicy,
      defaultActions: actions.map(mapAction),
    },
    relations: relationsTo('targets', actions.flatMap(actionTargets)),
  });
}

export function mapTargetGroup(scope: AwsScope, group: TargetGroup, health: readonly TargetHealthDescription[] | undefined): UncheckedResource {
  const targets = (health ?? []).map((t) => {
    const out: Record<string, AttributeValue> = { id: t.Target?.Id ?? '' };
    if (t.Target?.Port !== undefined) out.port = t.Target.Port;
    if (t.TargetHealth?.State) out.health = t.TargetHealth.State;
    return out;
  });
  return awsResource(scope, {
    id: group.TargetGroupArn ?? '',
    type: 'targetGroup',
    nativeType: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    parent: group.VpcId,
    fallbackName: group.TargetGroupName,
    attributes: {
      protocol: group.Protocol,
      port: group.Port,
      targetType: group.TargetType,
      healthCheckProtocol: group.HealthCheckProtocol,
      healthCheckPath: group.HealthCheckPath,
      targets: health === undefined ? undefined : targets,
    },
    relations: relationsTo('targets', targets.map((t) => (typeof t.id === 'string' ? t.id : undefined))),
  });
}
