/**
 * An Azure network security group with its rules (custom and default) in the provider-neutral rule
 * model. Address prefixes become `cidr` peers; `*`, `Internet`, `VirtualNetwork` and the other
 * service tags stay service tags; application security groups become security-group peers.
 */
import type { NetworkSecurityGroup, SecurityRule as AzureSecurityRule } from '@azure/arm-network';
import type { AttributeValue, PortRange, RulePeer, SecurityRule } from '../../protocol/snapshot';
import type { UncheckedResource } from '../sanitiseResource';
import { relationsTo } from '../relations';
import { azureResource } from './azureResource';

function prefixPeer(prefix: string): RulePeer {
  if (/^[\d.]+(\/\d+)?$/.test(prefix)) return { kind: 'cidr', cidr: prefix.includes('/') ? prefix : `${prefix}/32` };
  if (/^[0-9a-f:]+(\/\d+)?$/i.test(prefix) && prefix.includes(':')) return { kind: 'cidr', cidr: prefix.includes('/') ? prefix : `${prefix}/128` };
  return { kind: 'serviceTag', tag: prefix };
}

function peers(prefix: string | undefined, prefixes: readonly string[] | undefined, groups: readonly { id?: string }[] | undefined): RulePeer[] {
  const out: RulePeer[] = [];
  for (const p of [prefix, ...(prefixes ?? [])]) if (p) out.push(prefixPeer(p));
  for (const g of groups ?? []) if (g.id) out.push({ kind: 'securityGroup', id: g.id });
  return out;
}

/** `*` is every port; `80`, `8000-8100` are ranges. Returns `null` for every port. */
function ports(range: string | undefined, ranges: readonly string[] | undefined): PortRange[] | null {
  const all = [range, ...(ranges ?? [])].filter((r): r is string => !!r);
  if (all.length === 0 || all.includes('*')) return null;
  const out: PortRange[] = [];
  for (const r of all) {
    const [from, to] = r.split('-').map((n) => Number(n.trim()));
    if (from === undefined || Number.isNaN(from)) continue;
    out.push({ from, to: to === undefined || Number.isNaN(to) ? from : to });
  }
  return out.length && !(out.length === 1 && out[0]?.from === 0 && out[0]?.to === 65535) ? out : null;
}

function isWildcard(list: RulePeer[]): boolean {
  return list.length === 1 && list[0]?.kind === 'serviceTag' && list[0].tag === '*';
}

export function normaliseAzureRule(rule: AzureSecurityRule, isDefault: boolean): SecurityRule {
  const direction = rule.direction === 'Outbound' ? 'outbound' : 'inbound';
  const sources = peers(rule.sourceAddressPrefix, rule.sourceAddressPrefixes, rule.sourceApplicationSecurityGroups);
  const destinations = peers(rule.destinationAddressPrefix, rule.destinationAddressPrefixes, rule.destinationApplicationSecurityGroups);
  const [remote, local] = direction === 'inbound' ? [sources, destinations] : [destinations, sources];
  const protocol = (rule.protocol ?? '*').toLowerCase();
  const out: SecurityRule = {
    direction,
    action: rule.access === 'Deny' ? 'deny' : 'allow',
    protocol: protocol === '*' ? 'all' : protocol,
    ports: ports(rule.destinationPortRange, rule.destinationPortRanges),
    peers: remote,
  };
  if (rule.id) out.id = rule.id;
  if (rule.name) out.name = rule.name;
  if (rule.priority !== undefined) out.priority = rule.priority;
  if (!isWildcard(local) && local.length) out.local = local;
  if (isDefault) out.isDefault = true;
  if (rule.description) out.description = rule.description;
  return out;
}

export function mapNetworkSecurityGroup(group: NetworkSecurityGroup): UncheckedResource {
  const rules = [
    ...(group.securityRules ?? []).map((r) => normaliseAzureRule(r, false)),
    ...(group.defaultSecurityRules ?? []).map((r) => normaliseAzureRule(r, true)),
  ];
  const groupRefs = (direction: SecurityRule['direction']): string[] =>
    rules.filter((r) => r.direction === direction).flatMap((r) => r.peers.flatMap((p) => (p.kind === 'securityGroup' ? [p.id] : [])));
  return azureResource({
    id: group.id ?? '',
    type: 'securityGroup',
    nativeType: 'Microsoft.Network/networkSecurityGroups',
    name: group.name,
    location: group.location,
    tags: group.tags,
    attributes: { groupName: group.name, rules: rules as unknown as AttributeValue[] },
    relations: [...relationsTo('allowsFrom', groupRefs('inbound')), ...relationsTo('allowsTo', groupRefs('outbound'))],
  });
}
