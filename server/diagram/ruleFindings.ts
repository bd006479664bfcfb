import type { CloudProvider, PortRange, RulePeer, SecurityRule } from '../protocol/snapshot';
import { adminPorts, databasePorts, isWorld } from '../rules/networkExposure';
import type { DiagramFinding } from './diagramModel';

/** Whether a rule's peer is the whole internet, in AWS or Azure spelling. */
export function isWorldPeer(peer: RulePeer): boolean {
  if (peer.kind === 'cidr') return isWorld(peer.cidr);
  if (peer.kind === 'serviceTag') return isWorld(peer.tag);
  return false;
}

/** `tcp 22`, `tcp 8000-8080`, `udp all ports`, `all traffic`: how an edge labels a rule. */
export function ruleLabel(rule: Pick<SecurityRule, 'protocol' | 'ports'>): string {
  if (rule.protocol === 'all') return 'all traffic';
  if (rule.ports === null) return `${rule.protocol} all ports`;
  if (rule.ports.length === 0) return rule.protocol;
  return `${rule.protocol} ${rule.ports.map((p) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`)).join(',')}`;
}

function covers(ports: readonly PortRange[], port: number): boolean {
  return ports.some((p) => p.from <= port && port <= p.to);
}

/**
 * The findings of one allowed inbound rule from the internet, with the compliance rule each matches
 * (the same checks as the Terraform rules CG-AWS-SG-001…003 and CG-AZ-NSG-001…003): every port
 * open, an administration port open, a database port open.
 */
export function ruleFindings(rule: SecurityRule, provider: CloudProvider, groupName: string): DiagramFinding[] {
  if (rule.direction !== 'inbound' || rule.action !== 'allow' || rule.isDefault) return [];
  const world = rule.peers.find(isWorldPeer);
  if (!world) return [];
  const source = world.kind === 'cidr' ? world.cidr : world.kind === 'serviceTag' ? world.tag : '';
  const prefix = provider === 'azure' ? 'CG-AZ-NSG' : 'CG-AWS-SG';
  const tcpOrUdp = ['tcp', 'udp', 'all', '6', '17'].includes(rule.protocol);
  if (rule.protocol === 'all' || (tcpOrUdp && rule.ports === null)) {
    return [{ code: `${prefix}-003`, severity: 'error', message: `${groupName} allows every port from the internet (${source}).` }];
  }
  if (!tcpOrUdp || !rule.ports) return [];
  const findings: DiagramFinding[] = [];
  for (const [port, name] of adminPorts) {
    if (covers(rule.ports, port)) findings.push({ code: `${prefix}-001`, severity: 'error', message: `${groupName} allows ${name} (${rule.protocol} ${port}) from the internet (${source}).` });
  }
  for (const [port, name] of databasePorts) {
    if (covers(rule.ports, port)) findings.push({ code: `${prefix}-002`, severity: 'error', message: `${groupName} allows ${name} (${rule.protocol} ${port}) from the internet (${source}).` });
  }
  return findings;
}

/** The security rules a resource's attributes hold, read defensively (they come from a file). */
export function rulesOf(attributes: Record<string, unknown>): SecurityRule[] {
  const rules = attributes.rules;
  if (!Array.isArray(rules)) return [];
  return rules.filter((r): r is SecurityRule => typeof r === 'object' && r !== null && typeof (r as SecurityRule).direction === 'string' && Array.isArray((r as SecurityRule).peers));
}
