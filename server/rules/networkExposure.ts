import type { ResourceView, RuleViolation, ValuePath } from './ruleTypes';
import { knownNumber, knownString } from './valueChecks';

/** Ports of remote administration. */
export const adminPorts: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [3389, 'RDP'],
]);

/** Ports of databases and data stores. */
export const databasePorts: ReadonlyMap<number, string> = new Map([
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch'],
  [27017, 'MongoDB'],
]);

/** Sources that mean "anyone on the internet", IPv4 and IPv6, in AWS and Azure spelling. */
export function isWorld(source: string): boolean {
  return ['0.0.0.0/0', '::/0', '*', 'internet', 'any', '0.0.0.0'].includes(source.trim().toLowerCase());
}

/** One rule letting the world in: where the source is written and which ports it opens. */
export interface WorldIngress {
  at: ResourceView;
  sourcePath: ValuePath;
  source: string;
  /** Every port (of `protocol`, or of every protocol when it is absent). */
  allPorts: boolean;
  /** The one protocol the rule opens (`TCP`, `UDP`); absent when it opens every protocol. */
  protocol?: string;
  /** Port ranges opened (inclusive); empty when `allPorts`. */
  ranges: { from: number; to: number }[];
}

const allProtocols = new Set(['-1', 'all', '*']);
const portProtocols = new Set(['tcp', 'udp', '6', '17']);

function portRanges(protocol: string, from: number | undefined, to: number | undefined): { allPorts: boolean; protocol?: string; ranges: { from: number; to: number }[] } | undefined {
  if (allProtocols.has(protocol.toLowerCase())) return { allPorts: true, ranges: [] };
  if (!portProtocols.has(protocol.toLowerCase())) return undefined;
  if (from === undefined || to === undefined) return undefined;
  const name = protocolName(protocol);
  if (from <= 0 && to >= 65535) return { allPorts: true, protocol: name, ranges: [] };
  return { allPorts: false, protocol: name, ranges: [{ from, to }] };
}

/** `TCP` for `tcp` or `6`, `UDP` for `udp` or `17`. */
function protocolName(protocol: string): string {
  const p = protocol.toLowerCase();
  return p === '6' || p === 'tcp' ? 'TCP' : p === '17' || p === 'udp' ? 'UDP' : protocol.toUpperCase();
}

/** Sources of one AWS rule: each known world CIDR with its path. */
function worldSources(at: ResourceView, attributes: readonly string[]): { path: ValuePath; source: string }[] {
  const out: { path: ValuePath; source: string }[] = [];
  for (const name of attributes) {
    const v = at.attribute(name);
    if (v?.kind === 'string' && isWorld(v.value)) out.push({ path: [name], source: v.value });
    if (v?.kind === 'list') v.items.forEach((item, i) => { if (item.kind === 'string' && isWorld(item.value)) out.push({ path: [name, i], source: item.value }); });
  }
  return out;
}

/** Ingress that the world reaches, from every way AWS lets a rule be written. */
export function awsWorldIngress(resource: ResourceView): WorldIngress[] {
  const out: WorldIngress[] = [];
  const add = (at: ResourceView, protocolAttr: string, cidrAttrs: readonly string[]): void => {
    const protocol = knownString(at.attribute(protocolAttr)) ?? (knownNumber(at.attribute(protocolAttr)) !== undefined ? String(knownNumber(at.attribute(protocolAttr))) : undefined);
    if (protocol === undefined) return;
    const ports = portRanges(protocol, knownNumber(at.attribute('from_port')), knownNumber(at.attribute('to_port')));
    if (!ports) return;
    for (const s of worldSources(at, cidrAttrs)) out.push({ at, sourcePath: s.path, source: s.source, ...ports });
  };
  switch (resource.type) {
    case 'aws_security_group':
      for (const ingress of resource.blocks('ingress')) add(ingress, 'protocol', ['cidr_blocks', 'ipv6_cidr_blocks']);
      break;
    case 'aws_security_group_rule':
      if (knownString(resource.attribute('type')) === 'ingress') add(resource, 'protocol', ['cidr_blocks', 'ipv6_cidr_blocks']);
      break;
    case 'aws_vpc_security_group_ingress_rule':
      add(resource, 'ip_protocol', ['cidr_ipv4', 'cidr_ipv6']);
      break;
  }
  return out;
}

function azureRanges(text: string): { from: number; to: number } | 'all' | undefined {
  const t = text.trim();
  if (t === '*') return 'all';
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(t);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from <= 0 && to >= 65535 ? 'all' : { from, to };
}

/** Inbound Allow rules of Azure network security groups that the internet reaches. */
export function azureWorldIngress(resource: ResourceView): WorldIngress[] {
  const rules = resource.type === 'azurerm_network_security_group' ? resource.blocks('security_rule') : resource.type === 'azurerm_network_security_rule' ? [resource] : [];
  const out: WorldIngress[] = [];
  for (const rule of rules) {
    if (knownString(rule.attribute('direction'))?.toLowerCase() !== 'inbound') continue;
    if (knownString(rule.attribute('access'))?.toLowerCase() !== 'allow') continue;
    const protocol = knownString(rule.attribute('protocol'))?.toLowerCase();
    if (protocol === undefined || protocol === 'icmp') continue;
    const portTexts: string[] = [];
    const single = knownString(rule.attribute('destination_port_range'));
    if (single !== undefined) portTexts.push(single);
    const many = rule.attribute('destination_port_ranges');
    if (many?.kind === 'list') for (const p of many.items) if (p.kind === 'string') portTexts.push(p.value);
    if (portTexts.length === 0) continue;
    let allPorts = false;
    const ranges: { from: number; to: number }[] = [];
    for (const p of portTexts) {
      const r = azureRanges(p);
      if (r === 'all') allPorts = true;
      else if (r) ranges.push(r);
    }
    const one = protocol === '*' ? undefined : protocolName(protocol);
    for (const s of worldSources(rule, ['source_address_prefix', 'source_address_prefixes'])) out.push({ at: rule, sourcePath: s.path, source: s.source, allPorts, protocol: one, ranges: allPorts ? [] : ranges });
  }
  return out;
}

/** Violations for world ingress to the given ports (rules opening every port are left to the all-ports rule). */
export function exposedPortViolations(ingress: WorldIngress[], ports: ReadonlyMap<number, string>, advice: string): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const i of ingress) {
    if (i.allPorts) continue;
    const hits = [...ports].filter(([port]) => i.ranges.some((r) => r.from <= port && port <= r.to));
    if (hits.length === 0) continue;
    const names = hits.map(([port, name]) => `${name} (${port})`).join(', ');
    out.push({ message: `${names} ${hits.length > 1 ? 'are' : 'is'} open to the internet (${i.source}): ${advice}`, at: i.at, path: i.sourcePath });
  }
  return out;
}

/** Violations for world ingress on every port and protocol. */
export function allPortsViolations(ingress: WorldIngress[]): RuleViolation[] {
  return ingress
    .filter((i) => i.allPorts)
    .map((i) => ({ message: `${i.protocol ? `Every ${i.protocol} port` : 'Every port and protocol'} is open to the internet (${i.source}): allow only the ports the service needs, from known address ranges`, at: i.at, path: i.sourcePath }));
}
