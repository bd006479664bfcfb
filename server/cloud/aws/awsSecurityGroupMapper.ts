/**
 * An EC2 security group with every rule, in the provider-neutral rule model. One `IpPermission` of
 * the API can hold several sources; each becomes a peer of one normalised rule, so a rule reads as
 * "these ports, from these places". References to other groups become `allowsFrom` / `allowsTo`
 * relations for the security-group diagram.
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import type { AttributeValue, PortRange, RulePeer, SecurityRule } from '../../protocol/snapshot';
import type { UncheckedResource } from '../sanitiseResource';
import { relationsTo } from '../relations';
import { awsResource, type AwsScope } from './awsResource';

const protocolNames: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

function protocolOf(permission: IpPermission): string {
  const raw = (permission.IpProtocol ?? '-1').toLowerCase();
  return protocolNames[raw] ?? raw;
}

function portsOf(permission: IpPermission, protocol: string): PortRange[] | null {
  if (protocol === 'all') return null;
  const from = permission.FromPort;
  const to = permission.ToPort;
  if (from === undefined || to === undefined) return null;
  // For TCP and UDP, -1 or 0–65535 means every port.
  if ((protocol === 'tcp' || protocol === 'udp') && ((from === 0 && to === 65535) || from === -1)) return null;
  return [{ from, to }];
}

function withDescription<T extends RulePeer>(peer: T, description: string | undefined): T {
  return description ? { ...peer, description } : peer;
}

function peersOf(permission: IpPermission): RulePeer[] {
  const peers: RulePeer[] = [];
  for (const range of permission.IpRanges ?? []) {
    if (range.CidrIp) peers.push(withDescription({ kind: 'cidr', cidr: range.CidrIp }, range.Description));
  }
  for (const range of permission.Ipv6Ranges ?? []) {
    if (range.CidrIpv6) peers.push(withDescription({ kind: 'cidr', cidr: range.CidrIpv6 }, range.Description));
  }
  for (const list of permission.PrefixListIds ?? []) {
    if (list.PrefixListId) peers.push(withDescription({ kind: 'prefixList', id: list.PrefixListId }, list.Description));
  }
  for (const pair of permission.UserIdGroupPairs ?? []) {
    if (!pair.GroupId) continue;
    const peer: RulePeer = { kind: 'securityGroup', id: pair.GroupId };
    if (pair.UserId) peer.account = pair.UserId;
    peers.push(withDescription(peer, pair.Description));
  }
  return peers;
}

export function normaliseRules(permissions: readonly IpPermission[] | undefined, direction: SecurityRule['direction']): SecurityRule[] {
  return (permissions ?? []).map((permission) => {
    const protocol = protocolOf(permission);
    return { direction, action: 'allow', protocol, ports: portsOf(permission, protocol), peers: peersOf(permission) };
  });
}

export function mapSecurityGroup(scope: AwsScope, group: SecurityGroup): UncheckedResource {
  const inbound = normaliseRules(group.IpPermissions, 'inbound');
  const outbound = normaliseRules(group.IpPermissionsEgress, 'outbound');
  const groupIds = (rules: SecurityRule[]): string[] =>
    rules.flatMap((rule) => rule.peers.flatMap((peer) => (peer.kind === 'securityGroup' ? [peer.id] : [])));
  return awsResource(scope, {
    id: group.GroupId ?? '',
    type: 'securityGroup',
    nativeType: 'AWS::EC2::SecurityGroup',
    tags: group.Tags,
    parent: group.VpcId,
    fallbackName: group.GroupName,
    attributes: {
      groupName: group.GroupName,
      description: group.Description,
      rules: [...inbound, ...outbound] as unknown as AttributeValue[],
    },
    relations: [...relationsTo('allowsFrom', groupIds(inbound)), ...relationsTo('allowsTo', groupIds(outbound))],
  });
}
