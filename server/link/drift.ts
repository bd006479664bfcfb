/**
 * Drift between linked code and the live estate: attributes that differ, security-group rules
 * added or removed outside Terraform, declared resources with no live match, and live resources
 * inside a linked network that no code declares. Only what both sides know is compared: a value
 * the evaluator cannot know, or the snapshot does not hold, is never a difference.
 */
import type { Finding, FindingSeverity, TextRange } from '../protocol/findings';
import type { CloudResource, SecurityRule } from '../protocol/snapshot';
import type { BlockModel } from '../terraform/fileModel';
import { display, isKnown, type Value } from '../terraform/values';
import type { WorkspaceIndex } from '../terraform/workspaceIndex';
import { declaredAttribute, referencedInstance, type DeclaredInstance } from './declaredResources';
import { instanceKey, type LinkResult, type ResourceLink } from './linker';
import { liveResourceView, snapshotTypeOf } from './liveView';

/** What kind of difference a drift item is. */
export type DriftKind = 'attribute' | 'ruleAdded' | 'ruleRemoved' | 'missing' | 'unmanaged';

/** The finding code of each kind, stable for suppressions and SARIF. */
export const driftCodes: Record<DriftKind, string> = {
  attribute: 'CG-DRIFT-ATTRIBUTE',
  ruleAdded: 'CG-DRIFT-RULE-ADDED',
  ruleRemoved: 'CG-DRIFT-RULE-REMOVED',
  missing: 'CG-DRIFT-MISSING',
  unmanaged: 'CG-DRIFT-UNMANAGED',
};

/** One difference between code and the live estate. */
export interface DriftItem {
  kind: DriftKind;
  code: string;
  message: string;
  /** The declared instance concerned (for `unmanaged`: the linked network's declaration). */
  address?: string;
  liveId?: string;
  /** For `attribute`: the Terraform attribute, with its declared and live values as Terraform prints them. */
  attribute?: string;
  declared?: string;
  live?: string;
  /** Where the finding stands: the attribute, the rule's block or resource, or the block's header. Absent when no code is near. */
  uri?: string;
  range?: TextRange;
}

/** What the drift check found. */
export interface DriftReport {
  items: DriftItem[];
  /**
   * Live resources no code declares that AWS creates along with a managed one (a VPC's default
   * security group and main route table, an instance's or NAT gateway's network interface). Listed,
   * never findings.
   */
  implicit: CloudResource[];
  /** Live resources outside every linked network: another team's estate, not drift. */
  outOfScope: number;
}

/** Attributes compared per Terraform type: only those the snapshot records faithfully. */
const comparedAttributes: Record<string, string[]> = {
  aws_vpc: ['cidr_block', 'instance_tenancy'],
  aws_subnet: ['cidr_block', 'availability_zone', 'map_public_ip_on_launch'],
  aws_security_group: ['name', 'description'],
  aws_instance: ['instance_type', 'private_ip', 'key_name', 'ami'],
  aws_db_instance: [
    'identifier', 'engine', 'engine_version', 'instance_class', 'publicly_accessible', 'storage_encrypted', 'storage_type', 'allocated_storage',
    'multi_az', 'port', 'backup_retention_period', 'iam_database_authentication_enabled', 'deletion_protection',
  ],
  aws_lb: ['name', 'internal', 'load_balancer_type', 'ip_address_type'],
  aws_lb_listener: ['port', 'protocol', 'ssl_policy'],
  aws_lb_target_group: ['name', 'port', 'protocol', 'target_type'],
  aws_vpc_endpoint: ['service_name', 'vpc_endpoint_type'],
  aws_eip: ['domain'],
};

/** Types whose tags the importer reads (load balancers' tags are not imported). */
const taggedTypes = new Set(['aws_vpc', 'aws_subnet', 'aws_security_group', 'aws_instance', 'aws_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_route_table', 'aws_vpc_endpoint', 'aws_vpc_peering_connection', 'aws_db_instance']);

/** Computes the drift of a linked workspace. */
export function driftOf(index: WorkspaceIndex, links: LinkResult): DriftReport {
  const items: DriftItem[] = [];
  const rules = ruleResourcesByGroup(index, links);
  for (const link of links.links) {
    if (link.instance.kind !== 'resource') continue;
    items.push(...attributeDrift(link));
    if (link.live.type === 'securityGroup' && link.instance.type === 'aws_security_group') items.push(...ruleDrift(index, link, links, rules));
  }
  items.push(...missing(links));
  const { unmanaged, implicit, outOfScope } = liveOnly(links);
  items.push(...unmanaged);
  return { items, implicit, outOfScope };
}

/** The findings of a drift report, by file URI, at `severity`. */
export function driftFindings(report: DriftReport, severity: FindingSeverity = 'warning'): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const item of report.items) {
    if (!item.uri || !item.range) continue;
    const list = out.get(item.uri) ?? [];
    list.push({ code: item.code, severity, message: item.message, range: item.range });
    out.set(item.uri, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.message.localeCompare(b.message));
  return out;
}

/** The header of a block: from its type to the end of its last label, where block-level findings stand. */
export function headerRange(block: BlockModel): TextRange {
  const last = block.labelRanges[block.labelRanges.length - 1];
  return { start: block.typeRange.start, end: last ? { line: last.end.line, character: last.end.character + 1 } : block.typeRange.end };
}

function describe(live: CloudResource): string {
  return live.name !== live.id ? `${live.id} (${live.name})` : live.id;
}

/** Primitive text for comparison: Terraform converts between strings, numbers and bools freely. */
function comparable(v: Value): string | undefined {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'number':
      return String(v.value);
    case 'bool':
      return String(v.value);
    default:
      return undefined;
  }
}

function sameValue(attribute: string, declared: Value, live: Value): boolean {
  const a = comparable(declared);
  const b = comparable(live);
  if (a === undefined || b === undefined) return true;
  if (a === b) return true;
  // A major version in code follows the minor upgrades AWS applies.
  if (attribute === 'engine_version' && b.startsWith(`${a}.`)) return true;
  if (attribute === 'protocol' || attribute === 'vpc_endpoint_type') return a.toLowerCase() === b.toLowerCase();
  return false;
}

function attributeDrift(link: ResourceLink): DriftItem[] {
  const out: DriftItem[] = [];
  const view = liveResourceView(link.live);
  const instance = link.instance;
  for (const name of comparedAttributes[instance.type] ?? []) {
    const model = instance.block.body.attributes.find((a) => a.name === name);
    if (!model) continue;
    // What the snapshot does not hold is never compared: the code's value need not be evaluated.
    const live = view.attribute(name);
    if (!live) continue;
    const declared = declaredAttribute(instance, name) ?? instance.evaluator.value(model.expr);
    if (!isKnown(declared) || sameValue(name, declared, live)) continue;
    out.push({
      kind: 'attribute',
      code: driftCodes.attribute,
      message: `${instance.indexKey !== undefined ? `${instance.address}: ` : ''}${name} is ${display(live)} live (${describe(link.live)}), ${display(declared)} in code`,
      address: link.address,
      liveId: link.live.id,
      attribute: name,
      declared: display(declared),
      live: display(live),
      uri: instance.declaration.uri,
      range: model.expr.range,
    });
  }
  if (taggedTypes.has(instance.type)) {
    const tagsModel = instance.block.body.attributes.find((a) => a.name === 'tags');
    const tags = tagsModel ? declaredAttribute(instance, 'tags') : undefined;
    if (tagsModel && tags?.kind === 'object') {
      for (const [key, value] of Object.entries(tags.entries)) {
        if (value.kind !== 'string') continue;
        const live = link.live.tags[key];
        if (live === value.value) continue;
        const item = tagsModel.expr.kind === 'object' ? tagsModel.expr.items.find((i) => i.keyName === key) : undefined;
        out.push({
          kind: 'attribute',
          code: driftCodes.attribute,
          message: live === undefined ? `tag ${key} is not set live (${describe(link.live)}), "${value.value}" in code` : `tag ${key} is "${live}" live (${describe(link.live)}), "${value.value}" in code`,
          address: link.address,
          liveId: link.live.id,
          attribute: `tags.${key}`,
          declared: JSON.stringify(value.value),
          live: live === undefined ? '(not set)' : JSON.stringify(live),
          uri: instance.declaration.uri,
          range: item?.value.range ?? tagsModel.expr.range,
        });
      }
    }
  }
  return out;
}

/** One rule with one peer, as a comparable key: `inbound tcp 3389 cidr:0.0.0.0/0`. */
interface RuleKey {
  key: string;
  text: string;
}

const protocolNames: Record<string, string> = { '-1': 'all', all: 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

function ruleKey(direction: 'inbound' | 'outbound', protocol: string, from: number | undefined, to: number | undefined, peer: string): RuleKey {
  const p = protocolNames[protocol.toLowerCase()] ?? protocol.toLowerCase();
  let ports: string;
  if (p === 'all' || from === undefined || to === undefined) ports = 'all ports';
  else if ((p === 'tcp' || p === 'udp') && from <= 0 && to >= 65535) ports = 'all ports';
  else if ((p === 'icmp' || p === 'icmpv6') && from === -1) ports = 'all types';
  else ports = from === to ? String(from) : `${from}-${to}`;
  const key = `${direction} ${p} ${ports} ${peer.toLowerCase()}`;
  const [kind, id] = [peer.slice(0, peer.indexOf(':')), peer.slice(peer.indexOf(':') + 1)];
  const who = kind === 'cidr' ? id : kind === 'sg' ? `security group ${id}` : `prefix list ${id}`;
  return { key, text: `${direction} ${p === 'all' ? 'all traffic' : `${p} ${ports}`} ${direction === 'inbound' ? 'from' : 'to'} ${who}` };
}

function liveRuleKeys(live: CloudResource): { key: RuleKey; description?: string }[] {
  const rules = Array.isArray(live.attributes.rules) ? (live.attributes.rules as unknown as SecurityRule[]) : [];
  const out: { key: RuleKey; description?: string }[] = [];
  for (const rule of rules) {
    if (rule.isDefault || rule.action !== 'allow') continue;
    for (const peer of rule.peers) {
      const p = peer.kind === 'cidr' ? `cidr:${peer.cidr}` : peer.kind === 'securityGroup' ? `sg:${peer.id}` : peer.kind === 'prefixList' ? `pl:${peer.id}` : `tag:${peer.tag}`;
      const description = ('description' in peer ? peer.description : undefined) ?? rule.description;
      for (const range of rule.ports ?? [undefined]) out.push({ key: ruleKey(rule.direction, rule.protocol, range?.from, range?.to, p), ...(description ? { description } : {}) });
    }
  }
  return out;
}

/** A declared rule: its keys, where it is written, and whether every part of it is known. */
interface DeclaredRule {
  keys: RuleKey[];
  known: boolean;
  uri: string;
  range: TextRange;
  address: string;
}

/** Reads the peers and ports of a rule written in an inline block or a rule resource. */
function declaredRule(
  direction: 'inbound' | 'outbound',
  read: { value(name: string): Value | undefined; liveId(name: string): string | null | undefined },
  style: 'classic' | 'vpc',
  groupId: string,
): { keys: RuleKey[]; known: boolean } {
  const keys: RuleKey[] = [];
  let known = true;
  const num = (name: string): number | undefined => {
    const v = read.value(name);
    if (v === undefined) return undefined;
    if (v.kind === 'number') return v.value;
    if (v.kind === 'string' && /^-?\d+$/.test(v.value)) return Number(v.value);
    known = false;
    return undefined;
  };
  const protocolValue = read.value(style === 'vpc' ? 'ip_protocol' : 'protocol');
  if (protocolValue?.kind !== 'string' && protocolValue?.kind !== 'number') return { keys, known: false };
  const protocol = String(protocolValue.value);
  const from = num('from_port');
  const to = num('to_port');
  const peers: string[] = [];
  const list = (name: string, prefix: string): void => {
    const v = read.value(name);
    if (v === undefined || v.kind === 'null') return;
    if (v.kind !== 'list' || !isKnown(v)) {
      known = false;
      return;
    }
    for (const item of v.items) if (item.kind === 'string') peers.push(`${prefix}:${item.value}`);
  };
  const single = (name: string, prefix: string): void => {
    const id = read.liveId(name);
    if (id === undefined) return;
    if (id === null) known = false;
    else peers.push(`${prefix}:${id}`);
  };
  if (style === 'classic') {
    list('cidr_blocks', 'cidr');
    list('ipv6_cidr_blocks', 'cidr');
    list('prefix_list_ids', 'pl');
    const groups = read.liveId('security_groups');
    if (groups === null) known = false;
    else if (groups !== undefined) for (const id of groups.split('\u0000')) peers.push(`sg:${id}`);
    single('source_security_group_id', 'sg');
    const self = read.value('self');
    if (self?.kind === 'bool' && self.value) peers.push(`sg:${groupId}`);
    else if (self && self.kind !== 'bool' && self.kind !== 'null') known = false;
  } else {
    single('cidr_ipv4', 'cidr');
    single('cidr_ipv6', 'cidr');
    single('prefix_list_id', 'pl');
    single('referenced_security_group_id', 'sg');
  }
  for (const peer of peers) keys.push(ruleKey(direction, protocol, from, to, peer));
  return { keys, known };
}

/** A reader of an instance's (or nested block's) attributes that turns references to linked resources into live ids. */
function reader(instance: DeclaredInstance, block: BlockModel, links: LinkResult, index: WorkspaceIndex): { value(name: string): Value | undefined; liveId(name: string): string | null | undefined } {
  return {
    value: (name) => {
      const a = block.body.attributes.find((x) => x.name === name);
      return a ? instance.evaluator.value(a.expr) : undefined;
    },
    liveId: (name) => {
      const a = block.body.attributes.find((x) => x.name === name);
      if (!a) return undefined;
      const exprs = a.expr.kind === 'tuple' ? a.expr.items : [a.expr];
      const ids: string[] = [];
      for (const expr of exprs) {
        const v = instance.evaluator.value(expr);
        if (v.kind === 'string') {
          ids.push(v.value);
          continue;
        }
        if (v.kind === 'null') continue;
        const target = referencedInstance(expr, instance, index);
        const id = target && (target.attribute === 'id' || target.attribute === undefined) ? links.byAddress.get(instanceKey(instance.rootModuleUri, target.address))?.live.id : undefined;
        if (id === undefined) return null;
        ids.push(id);
      }
      return ids.length === 0 && a.expr.kind === 'tuple' ? undefined : ids.join('\u0000');
    },
  };
}

/**
 * The rule resources of the workspace by the security group they name: `ref <root> <address>` for
 * a reference, `id <live id>` for a literal id; `unknown <root> <module>` collects those that name
 * a group that cannot be known, which makes every group of that module uncomparable.
 */
function ruleResourcesByGroup(index: WorkspaceIndex, links: LinkResult): Map<string, DeclaredInstance[]> {
  const out = new Map<string, DeclaredInstance[]>();
  const push = (key: string, rule: DeclaredInstance): void => {
    const list = out.get(key) ?? [];
    list.push(rule);
    out.set(key, list);
  };
  for (const rule of links.declared) {
    if (rule.kind !== 'resource' || !ruleStyle(rule.type)) continue;
    const groupAttr = rule.block.body.attributes.find((a) => a.name === 'security_group_id');
    if (!groupAttr) continue;
    const target = referencedInstance(groupAttr.expr, rule, index);
    if (target) {
      push(`ref ${rule.rootModuleUri} ${target.address}`, rule);
      continue;
    }
    const literal = rule.evaluator.value(groupAttr.expr);
    if (literal.kind === 'string') push(`id ${literal.value}`, rule);
    else if (!isKnown(literal)) push(`unknown ${rule.rootModuleUri} ${rule.module}`, rule);
  }
  return out;
}

function ruleStyle(type: string): 'classic' | 'vpc' | undefined {
  if (type === 'aws_security_group_rule') return 'classic';
  if (type === 'aws_vpc_security_group_ingress_rule' || type === 'aws_vpc_security_group_egress_rule') return 'vpc';
  return undefined;
}

/** The rules code declares for a linked security group: inline blocks and the rule resources that name it. */
function declaredRules(index: WorkspaceIndex, link: ResourceLink, links: LinkResult, ruleResources: Map<string, DeclaredInstance[]>): DeclaredRule[] | undefined {
  const group = link.instance;
  const out: DeclaredRule[] = [];
  for (const block of group.block.body.blocks) {
    if (block.type === 'dynamic' && (block.labels[0] === 'ingress' || block.labels[0] === 'egress')) return undefined;
    if (block.type !== 'ingress' && block.type !== 'egress') continue;
    const r = declaredRule(block.type === 'ingress' ? 'inbound' : 'outbound', reader(group, block, links, index), 'classic', link.live.id);
    out.push({ ...r, uri: group.declaration.uri, range: headerRange(block), address: group.address });
  }
  if (ruleResources.has(`unknown ${group.rootModuleUri} ${group.module}`)) return undefined;
  const mine = [...(ruleResources.get(`ref ${group.rootModuleUri} ${group.address}`) ?? []), ...(ruleResources.get(`id ${link.live.id}`) ?? [])];
  for (const rule of mine) {
    const style = ruleStyle(rule.type)!;
    let direction: 'inbound' | 'outbound';
    if (style === 'vpc') direction = rule.type.endsWith('ingress_rule') ? 'inbound' : 'outbound';
    else {
      const type = declaredAttribute(rule, 'type');
      if (type?.kind !== 'string') return undefined;
      direction = type.value === 'ingress' ? 'inbound' : 'outbound';
    }
    const r = declaredRule(direction, reader(rule, rule.block, links, index), style, link.live.id);
    out.push({ ...r, uri: rule.declaration.uri, range: headerRange(rule.block), address: rule.address });
  }
  return out;
}

function ruleDrift(index: WorkspaceIndex, link: ResourceLink, links: LinkResult, ruleResources: Map<string, DeclaredInstance[]>): DriftItem[] {
  const declared = declaredRules(index, link, links, ruleResources);
  // A rule that cannot be known (a dynamic block, a reference to an unlinked group) makes the whole comparison unknowable.
  if (!declared || declared.some((r) => !r.known)) return [];
  const out: DriftItem[] = [];
  const declaredKeys = new Set(declared.flatMap((r) => r.keys.map((k) => k.key)));
  const live = liveRuleKeys(link.live);
  const liveKeys = new Set(live.map((r) => r.key.key));
  const header = headerRange(link.instance.block);
  const seen = new Set<string>();
  for (const rule of live) {
    if (declaredKeys.has(rule.key.key) || seen.has(rule.key.key)) continue;
    seen.add(rule.key.key);
    out.push({
      kind: 'ruleAdded',
      code: driftCodes.ruleAdded,
      message: `Live rule not in code: ${describe(link.live)} allows ${rule.key.text}${rule.description ? ` ("${rule.description}")` : ''}`,
      address: link.address,
      liveId: link.live.id,
      live: rule.key.text,
      uri: link.instance.declaration.uri,
      range: header,
    });
  }
  for (const rule of declared) {
    for (const key of rule.keys) {
      if (liveKeys.has(key.key)) continue;
      out.push({
        kind: 'ruleRemoved',
        code: driftCodes.ruleRemoved,
        message: `Rule missing live: ${describe(link.live)} does not allow ${key.text}`,
        address: rule.address,
        liveId: link.live.id,
        declared: key.text,
        uri: rule.uri,
        range: rule.range,
      });
    }
  }
  return out;
}

function missing(links: LinkResult): DriftItem[] {
  const out: DriftItem[] = [];
  const snapshot = links.snapshot;
  const ambiguous = new Set(links.ambiguous.map((a) => a.instance));
  const regions = new Set(snapshot.regions);
  for (const instance of links.declared) {
    if (instance.kind !== 'resource' || links.byAddress.has(instanceKey(instance.rootModuleUri, instance.address)) || ambiguous.has(instance)) continue;
    const neutral = snapshotTypeOf(instance.type);
    if (!neutral || (instance.type.startsWith('azurerm_') ? 'azure' : 'aws') !== snapshot.provider) continue;
    if (instance.type === 'aws_vpc_peering_connection_accepter') continue;
    const region = instance.region ?? (snapshot.regions.length === 1 ? snapshot.regions[0] : undefined);
    if (region === undefined || !regions.has(region)) continue;
    if (snapshot.gaps.some((g) => (g.region === undefined || g.region === region) && g.resourceTypes.includes(neutral))) continue;
    const stateId = links.stateIds.get(instance);
    out.push({
      kind: 'missing',
      code: driftCodes.missing,
      message: stateId
        ? `${instance.address} is ${stateId} in ${links.states.length > 0 ? 'terraform.tfstate' : 'its import block'}, which the snapshot of ${snapshot.importedAt} does not have in ${region}: deleted outside Terraform?`
        : `No live ${instance.type} in ${region} matches ${instance.address} in the snapshot of ${snapshot.importedAt}: not applied yet, or deleted outside Terraform?`,
      address: instance.address,
      ...(stateId ? { liveId: stateId } : {}),
      uri: instance.declaration.uri,
      range: headerRange(instance.block),
    });
  }
  return out;
}

/** The network a live resource lives in, following parents and attachments. */
function networkOf(resource: CloudResource, byId: Map<string, CloudResource>): CloudResource | undefined {
  let current: CloudResource | undefined = resource;
  for (let hops = 0; current && hops < 6; hops++) {
    if (current.type === 'network') return current;
    const next: string | undefined = current.parent ?? current.relations.find((r) => r.kind === 'attachedTo' || r.kind === 'peers')?.to;
    current = next ? byId.get(next) : undefined;
  }
  return undefined;
}

/** Whether AWS creates this resource by itself along with another one. */
function isImplicit(resource: CloudResource, attachedFrom: Set<string>): boolean {
  if (resource.provider !== 'aws') return false;
  if (resource.type === 'securityGroup' && resource.attributes.groupName === 'default') return true;
  if (resource.type === 'routeTable' && resource.attributes.main === true) return true;
  if (resource.type === 'networkInterface') return resource.relations.some((r) => r.kind === 'attachedTo') || attachedFrom.has(resource.id) || resource.attributes.interfaceType !== 'interface';
  return false;
}

function liveOnly(links: LinkResult): { unmanaged: DriftItem[]; implicit: CloudResource[]; outOfScope: number } {
  const byId = new Map(links.snapshot.resources.map((r) => [r.id, r]));
  const attachedFrom = new Set(links.snapshot.resources.flatMap((r) => r.relations.filter((x) => x.kind === 'attachedTo').map((x) => x.to)));
  const candidates = new Set(links.ambiguous.flatMap((a) => a.candidates));
  const unmanaged: DriftItem[] = [];
  const implicit: CloudResource[] = [];
  let outOfScope = 0;
  for (const resource of links.snapshot.resources) {
    // A candidate of an ambiguous match is declared, only not identifiably: never call it unmanaged.
    if (links.byLiveId.has(resource.id) || candidates.has(resource.id)) continue;
    const network = networkOf(resource, byId);
    const networkLink = network ? links.byLiveId.get(network.id)?.[0] : undefined;
    if (!network || !networkLink) {
      outOfScope++;
      continue;
    }
    if (isImplicit(resource, attachedFrom)) {
      implicit.push(resource);
      continue;
    }
    unmanaged.push({
      kind: 'unmanaged',
      code: driftCodes.unmanaged,
      message: `Live ${resource.type} ${describe(resource)} in ${describe(network)} is not declared in code`,
      address: networkLink.address,
      liveId: resource.id,
      uri: networkLink.instance.declaration.uri,
      range: headerRange(networkLink.instance.block),
    });
  }
  return { unmanaged, implicit, outOfScope };
}
