import type { AttributeValue, CloudProvider, PortRange, Relation, ResourceType, RulePeer, SecurityRule } from '../protocol/snapshot';
import { referencesIn, type Expr } from '../terraform/expressions';
import type { BlockModel } from '../terraform/fileModel';
import { ModuleEvaluator } from '../terraform/moduleEvaluator';
import { isKnown, toJson, type Value } from '../terraform/values';
import type { Declaration, WorkspaceIndex } from '../terraform/workspaceIndex';
import type { DiagramResource } from './diagramResource';

/** What the builder knows of each Terraform resource type it draws. */
const neutralTypes: Record<string, { type: ResourceType; provider: CloudProvider }> = {
  aws_vpc: { type: 'network', provider: 'aws' },
  aws_subnet: { type: 'subnet', provider: 'aws' },
  aws_route_table: { type: 'routeTable', provider: 'aws' },
  aws_internet_gateway: { type: 'internetGateway', provider: 'aws' },
  aws_egress_only_internet_gateway: { type: 'egressOnlyInternetGateway', provider: 'aws' },
  aws_nat_gateway: { type: 'natGateway', provider: 'aws' },
  aws_security_group: { type: 'securityGroup', provider: 'aws' },
  aws_instance: { type: 'instance', provider: 'aws' },
  aws_network_interface: { type: 'networkInterface', provider: 'aws' },
  aws_eip: { type: 'publicIp', provider: 'aws' },
  aws_vpc_peering_connection: { type: 'peering', provider: 'aws' },
  aws_vpc_endpoint: { type: 'endpoint', provider: 'aws' },
  aws_ec2_transit_gateway_vpc_attachment: { type: 'transitGatewayAttachment', provider: 'aws' },
  aws_lb: { type: 'loadBalancer', provider: 'aws' },
  aws_alb: { type: 'loadBalancer', provider: 'aws' },
  aws_lb_listener: { type: 'listener', provider: 'aws' },
  aws_lb_target_group: { type: 'targetGroup', provider: 'aws' },
  aws_db_instance: { type: 'database', provider: 'aws' },
  azurerm_virtual_network: { type: 'network', provider: 'azure' },
  azurerm_subnet: { type: 'subnet', provider: 'azure' },
  azurerm_network_security_group: { type: 'securityGroup', provider: 'azure' },
  azurerm_network_interface: { type: 'networkInterface', provider: 'azure' },
  azurerm_public_ip: { type: 'publicIp', provider: 'azure' },
  azurerm_nat_gateway: { type: 'natGateway', provider: 'azure' },
  azurerm_lb: { type: 'loadBalancer', provider: 'azure' },
  azurerm_linux_virtual_machine: { type: 'instance', provider: 'azure' },
  azurerm_windows_virtual_machine: { type: 'instance', provider: 'azure' },
  azurerm_route_table: { type: 'routeTable', provider: 'azure' },
};

/** Route target attributes of an AWS `route` block or `aws_route`, and the kind of target each names. */
const routeTargets: [string, string][] = [
  ['gateway_id', 'internetGateway'],
  ['nat_gateway_id', 'natGateway'],
  ['vpc_peering_connection_id', 'peering'],
  ['transit_gateway_id', 'transitGateway'],
  ['vpc_endpoint_id', 'endpoint'],
  ['egress_only_gateway_id', 'egressOnlyInternetGateway'],
  ['network_interface_id', 'networkInterface'],
];

interface ModuleContext {
  index: WorkspaceIndex;
  moduleUri: string;
  evaluator: ModuleEvaluator;
  /** `module.net.` for a child module with one caller, else empty. */
  prefix: string;
  region: string;
}

/**
 * Maps the workspace's Terraform resources to the diagram's neutral resources, one per resource
 * block (counted and `for_each` resources are one resource, with the count in `attributes.count`).
 * Values the evaluator cannot know are left out, never guessed; references between resources become
 * parents and relations.
 */
export function terraformResources(index: WorkspaceIndex): DiagramResource[] {
  const out: DiagramResource[] = [];
  const byId = new Map<string, DiagramResource>();
  const pending: { ctx: ModuleContext; declaration: Declaration; type: string }[] = [];
  for (const moduleUri of index.moduleUris()) {
    const evaluator = new ModuleEvaluator(index, moduleUri);
    const callers = index.callersOf(moduleUri);
    const prefix = callers.length === 1 ? `${callers[0].declaration.name}.` : '';
    const ctx: ModuleContext = { index, moduleUri, evaluator, prefix, region: providerRegion(index, moduleUri, evaluator) };
    for (const [key, list] of index.module(moduleUri).declarations) {
      const declaration = list[0];
      if (declaration.kind !== 'resource' || !declaration.block) continue;
      const type = key.slice(0, key.indexOf('.'));
      if (neutralTypes[type] || extraTypes.has(type)) pending.push({ ctx, declaration, type });
    }
  }
  // Resources first, then the blocks that only add relations to them (rules, associations, attachments).
  for (const { ctx, declaration, type } of pending) {
    const neutral = neutralTypes[type];
    if (!neutral) continue;
    const resource = mapResource(ctx, declaration, type, neutral.type, neutral.provider);
    if (byId.has(resource.id)) continue;
    byId.set(resource.id, resource);
    out.push(resource);
  }
  for (const { ctx, declaration, type } of pending) if (extraTypes.has(type)) applyExtra(ctx, declaration, type, byId);
  resolveParents(out, byId);
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Blocks that are not drawn themselves but add to others. */
const extraTypes = new Set([
  'aws_route',
  'aws_route_table_association',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_lb_target_group_attachment',
  'aws_db_subnet_group',
  'azurerm_network_security_rule',
  'azurerm_subnet_network_security_group_association',
]);

function providerRegion(index: WorkspaceIndex, moduleUri: string, evaluator: ModuleEvaluator): string {
  for (const key of ['provider.aws', 'provider.azurerm']) {
    const region = index.declaration(moduleUri, key)?.block?.body.attributes.find((a) => a.name === 'region' || a.name === 'location');
    if (region) {
      const v = evaluator.value(region.expr);
      if (v.kind === 'string') return v.value;
    }
  }
  return '';
}

function attributeExpr(block: BlockModel, name: string): Expr | undefined {
  return block.body.attributes.find((a) => a.name === name)?.expr;
}

function valueOf(ctx: ModuleContext, block: BlockModel, name: string): Value | undefined {
  const expr = attributeExpr(block, name);
  return expr ? ctx.evaluator.value(expr) : undefined;
}

function stringOf(ctx: ModuleContext, block: BlockModel, name: string): string | undefined {
  const v = valueOf(ctx, block, name);
  return v?.kind === 'string' ? v.value : undefined;
}

function plain(v: Value | undefined): AttributeValue | undefined {
  if (!v || !isKnown(v)) return undefined;
  return toJson(v) as AttributeValue;
}

/** The resources an attribute refers to, as diagram ids (`aws_vpc.main` → `module.net.aws_vpc.main` in a child). */
function referencedIds(ctx: ModuleContext, expr: Expr | undefined): string[] {
  if (!expr) return [];
  const ids: string[] = [];
  for (const ref of referencesIn(expr)) {
    const name = ref.names[0];
    if (typeof name !== 'string') continue;
    const key = `${ref.root}.${name}`;
    const declaration = ctx.index.declaration(ctx.moduleUri, key);
    if (declaration?.kind !== 'resource') continue;
    const id = ctx.prefix + key;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function refs(ctx: ModuleContext, block: BlockModel, name: string): string[] {
  return referencedIds(ctx, attributeExpr(block, name));
}

function tagsOf(ctx: ModuleContext, block: BlockModel): Record<string, string> {
  const v = valueOf(ctx, block, 'tags');
  const tags: Record<string, string> = {};
  if (v?.kind === 'object') for (const [k, item] of Object.entries(v.entries)) if (item.kind === 'string') tags[k] = item.value;
  return tags;
}

function put(attributes: Record<string, AttributeValue>, name: string, value: AttributeValue | undefined): void {
  if (value !== undefined) attributes[name] = value;
}

function mapResource(ctx: ModuleContext, declaration: Declaration, tfType: string, type: ResourceType, provider: CloudProvider): DiagramResource {
  const block = declaration.block as BlockModel;
  const id = ctx.prefix + declaration.key;
  const tags = tagsOf(ctx, block);
  const attributes: Record<string, AttributeValue> = {};
  const relations: Relation[] = [];
  const relate = (kind: Relation['kind'], ids: string[]): void => ids.forEach((to) => relations.push({ kind, to }));
  let parent: string | undefined;
  const naturalName = stringOf(ctx, block, 'name') ?? stringOf(ctx, block, 'identifier');
  const count = plain(valueOf(ctx, block, 'count'));
  if (count !== undefined) attributes.count = count;
  if (attributeExpr(block, 'for_each')) attributes.forEach = true;
  switch (tfType) {
    case 'aws_vpc': {
      const cidr = stringOf(ctx, block, 'cidr_block');
      if (cidr) attributes.cidrBlocks = [cidr];
      break;
    }
    case 'aws_subnet':
      parent = refs(ctx, block, 'vpc_id')[0];
      put(attributes, 'cidrBlock', stringOf(ctx, block, 'cidr_block'));
      put(attributes, 'mapPublicIpOnLaunch', plain(valueOf(ctx, block, 'map_public_ip_on_launch')));
      break;
    case 'aws_internet_gateway':
    case 'aws_egress_only_internet_gateway':
      parent = refs(ctx, block, 'vpc_id')[0];
      relate('attachedTo', refs(ctx, block, 'vpc_id'));
      break;
    case 'aws_nat_gateway':
      parent = refs(ctx, block, 'subnet_id')[0];
      put(attributes, 'connectivityType', stringOf(ctx, block, 'connectivity_type'));
      break;
    case 'aws_route_table':
      parent = refs(ctx, block, 'vpc_id')[0];
      attributes.routes = block.body.blocks.filter((b) => b.type === 'route').map((route) => routeOf(ctx, route, relations));
      break;
    case 'aws_security_group':
      parent = refs(ctx, block, 'vpc_id')[0];
      put(attributes, 'groupName', naturalName);
      put(attributes, 'description', stringOf(ctx, block, 'description'));
      attributes.rules = [
        ...block.body.blocks.filter((b) => b.type === 'ingress').map((b) => awsRule(ctx, b, 'inbound', relations)),
        ...block.body.blocks.filter((b) => b.type === 'egress').map((b) => awsRule(ctx, b, 'outbound', relations)),
      ] as unknown as AttributeValue;
      break;
    case 'aws_instance':
      parent = refs(ctx, block, 'subnet_id')[0];
      put(attributes, 'instanceType', stringOf(ctx, block, 'instance_type'));
      put(attributes, 'imageId', stringOf(ctx, block, 'ami'));
      put(attributes, 'privateIpAddress', stringOf(ctx, block, 'private_ip'));
      relate('usesSecurityGroup', [...refs(ctx, block, 'vpc_security_group_ids'), ...refs(ctx, block, 'security_groups')]);
      break;
    case 'aws_network_interface':
      parent = refs(ctx, block, 'subnet_id')[0];
      relate('usesSecurityGroup', refs(ctx, block, 'security_groups'));
      for (const attachment of block.body.blocks.filter((b) => b.type === 'attachment')) relate('attachedTo', refs(ctx, attachment, 'instance'));
      break;
    case 'aws_eip':
      relate('attachedTo', [...refs(ctx, block, 'instance'), ...refs(ctx, block, 'network_interface')]);
      break;
    case 'aws_vpc_peering_connection':
      relate('peers', [...refs(ctx, block, 'vpc_id'), ...refs(ctx, block, 'peer_vpc_id')]);
      put(attributes, 'accepterRegion', stringOf(ctx, block, 'peer_region'));
      break;
    case 'aws_vpc_endpoint':
      parent = refs(ctx, block, 'vpc_id')[0];
      put(attributes, 'serviceName', stringOf(ctx, block, 'service_name'));
      put(attributes, 'endpointType', stringOf(ctx, block, 'vpc_endpoint_type') ?? 'Gateway');
      relate('associatedWith', refs(ctx, block, 'route_table_ids'));
      relate('inSubnet', refs(ctx, block, 'subnet_ids'));
      break;
    case 'aws_ec2_transit_gateway_vpc_attachment':
      parent = refs(ctx, block, 'vpc_id')[0];
      put(attributes, 'transitGatewayId', refs(ctx, block, 'transit_gateway_id')[0] ?? stringOf(ctx, block, 'transit_gateway_id'));
      relate('attachedTo', refs(ctx, block, 'transit_gateway_id'));
      break;
    case 'aws_lb':
    case 'aws_alb': {
      const internal = valueOf(ctx, block, 'internal');
      if (internal?.kind === 'bool') attributes.scheme = internal.value ? 'internal' : 'internet-facing';
      put(attributes, 'loadBalancerType', stringOf(ctx, block, 'load_balancer_type') ?? 'application');
      relate('inSubnet', refs(ctx, block, 'subnets'));
      for (const mapping of block.body.blocks.filter((b) => b.type === 'subnet_mapping')) relate('inSubnet', refs(ctx, mapping, 'subnet_id'));
      relate('usesSecurityGroup', refs(ctx, block, 'security_groups'));
      break;
    }
    case 'aws_lb_listener':
      parent = refs(ctx, block, 'load_balancer_arn')[0];
      put(attributes, 'port', plain(valueOf(ctx, block, 'port')));
      put(attributes, 'protocol', stringOf(ctx, block, 'protocol'));
      for (const action of block.body.blocks.filter((b) => b.type === 'default_action')) relate('targets', refs(ctx, action, 'target_group_arn'));
      break;
    case 'aws_lb_target_group':
      parent = refs(ctx, block, 'vpc_id')[0];
      put(attributes, 'port', plain(valueOf(ctx, block, 'port')));
      put(attributes, 'protocol', stringOf(ctx, block, 'protocol'));
      break;
    case 'aws_db_instance':
      put(attributes, 'identifier', stringOf(ctx, block, 'identifier'));
      put(attributes, 'engine', stringOf(ctx, block, 'engine'));
      put(attributes, 'instanceClass', stringOf(ctx, block, 'instance_class'));
      put(attributes, 'publiclyAccessible', plain(valueOf(ctx, block, 'publicly_accessible')) ?? false);
      put(attributes, 'storageEncrypted', plain(valueOf(ctx, block, 'storage_encrypted')));
      put(attributes, 'port', plain(valueOf(ctx, block, 'port')));
      relate('usesSecurityGroup', refs(ctx, block, 'vpc_security_group_ids'));
      // The subnet group's subnets are added when the subnet group is read (applyExtra).
      attributes.subnetGroup = refs(ctx, block, 'db_subnet_group_name')[0] ?? '';
      break;
    case 'azurerm_virtual_network':
      put(attributes, 'cidrBlocks', plain(valueOf(ctx, block, 'address_space')));
      break;
    case 'azurerm_subnet':
      parent = refs(ctx, block, 'virtual_network_name')[0];
      put(attributes, 'cidrBlocks', plain(valueOf(ctx, block, 'address_prefixes')));
      break;
    case 'azurerm_network_security_group':
      put(attributes, 'groupName', naturalName);
      attributes.rules = block.body.blocks.filter((b) => b.type === 'security_rule').map((b) => azureRule(ctx, b)) as unknown as AttributeValue;
      break;
    case 'azurerm_network_interface':
      for (const configuration of block.body.blocks.filter((b) => b.type === 'ip_configuration')) parent ??= refs(ctx, configuration, 'subnet_id')[0];
      break;
    case 'azurerm_linux_virtual_machine':
    case 'azurerm_windows_virtual_machine':
      put(attributes, 'instanceType', stringOf(ctx, block, 'size'));
      // Drawn in the subnet of its first interface (resolved with the other parents).
      attributes.interfaces = refs(ctx, block, 'network_interface_ids');
      break;
    case 'azurerm_lb':
      put(attributes, 'sku', stringOf(ctx, block, 'sku'));
      break;
    case 'azurerm_nat_gateway':
    case 'azurerm_public_ip':
    case 'azurerm_route_table':
      break;
  }
  const location = stringOf(ctx, block, 'location') ?? stringOf(ctx, block, 'availability_zone')?.replace(/[a-z]$/, '');
  const resource: DiagramResource = {
    id,
    type,
    provider,
    nativeType: tfType,
    name: tags.Name ?? naturalName ?? id,
    account: '',
    region: location ?? ctx.region,
    tags,
    attributes,
    relations,
    address: id,
    source: { uri: declaration.uri, line: declaration.selectionRange.start.line, character: declaration.selectionRange.start.character },
  };
  const zone = stringOf(ctx, block, 'availability_zone');
  if (zone) resource.zone = zone;
  if (parent) resource.parent = parent;
  return resource;
}

function routeOf(ctx: ModuleContext, route: BlockModel, relations: Relation[]): AttributeValue {
  const destination = stringOf(ctx, route, 'cidr_block') ?? stringOf(ctx, route, 'ipv6_cidr_block') ?? stringOf(ctx, route, 'destination_cidr_block') ?? '';
  for (const [attribute, targetKind] of routeTargets) {
    const target = refs(ctx, route, attribute)[0];
    if (!target) continue;
    relations.push({ kind: 'routesTo', to: target });
    // An AWS `gateway_id` may name an internet gateway or a VPC endpoint: the address tells which.
    const kind = attribute === 'gateway_id' && target.includes('aws_vpc_endpoint.') ? 'endpoint' : targetKind;
    return { destination, targetKind: kind, targetId: target };
  }
  return { destination, targetKind: 'none' };
}

function portRange(ctx: ModuleContext, block: BlockModel, protocol: string, fromName: string, toName: string): PortRange[] | null | undefined {
  if (protocol === '-1' || protocol === 'all') return null;
  const from = valueOf(ctx, block, fromName);
  const to = valueOf(ctx, block, toName);
  if (from?.kind !== 'number' || to?.kind !== 'number') return undefined;
  if (from.value <= 0 && to.value >= 65535) return null;
  return [{ from: from.value, to: to.value }];
}

function cidrPeers(ctx: ModuleContext, block: BlockModel, names: string[]): RulePeer[] {
  const peers: RulePeer[] = [];
  for (const name of names) {
    const v = valueOf(ctx, block, name);
    if (v?.kind === 'string') peers.push({ kind: 'cidr', cidr: v.value });
    if (v?.kind === 'list') for (const item of v.items) if (item.kind === 'string') peers.push({ kind: 'cidr', cidr: item.value });
  }
  return peers;
}

/** One AWS rule, from an `ingress`/`egress` block, an `aws_security_group_rule` or an `aws_vpc_security_group_*_rule`. */
function awsRule(ctx: ModuleContext, block: BlockModel, direction: 'inbound' | 'outbound', relations: Relation[]): SecurityRule & { unknownPorts?: boolean } {
  const protocolValue = stringOf(ctx, block, 'protocol') ?? stringOf(ctx, block, 'ip_protocol') ?? '';
  const protocol = protocolValue === '-1' ? 'all' : protocolValue.toLowerCase() === '6' ? 'tcp' : protocolValue.toLowerCase() === '17' ? 'udp' : protocolValue.toLowerCase();
  const ports = portRange(ctx, block, protocolValue, 'from_port', 'to_port');
  const peers = cidrPeers(ctx, block, ['cidr_blocks', 'ipv6_cidr_blocks', 'cidr_ipv4', 'cidr_ipv6']);
  const groups = [...refs(ctx, block, 'security_groups'), ...refs(ctx, block, 'source_security_group_id'), ...refs(ctx, block, 'referenced_security_group_id')];
  for (const id of groups) {
    peers.push({ kind: 'securityGroup', id });
    relations.push({ kind: direction === 'inbound' ? 'allowsFrom' : 'allowsTo', to: id });
  }
  const self = valueOf(ctx, block, 'self');
  if (self?.kind === 'bool' && self.value) peers.push({ kind: 'securityGroup', id: 'self' });
  const rule: SecurityRule & { unknownPorts?: boolean } = { direction, action: 'allow', protocol: protocol || 'all', ports: ports ?? [], peers };
  if (ports === undefined) rule.unknownPorts = true;
  const description = stringOf(ctx, block, 'description');
  if (description) rule.description = description;
  return rule;
}

function azureRule(ctx: ModuleContext, block: BlockModel): SecurityRule {
  const direction = stringOf(ctx, block, 'direction')?.toLowerCase() === 'outbound' ? 'outbound' : 'inbound';
  const access = stringOf(ctx, block, 'access')?.toLowerCase() === 'deny' ? 'deny' : 'allow';
  const protocol = (stringOf(ctx, block, 'protocol') ?? '*').toLowerCase();
  const portText = stringOf(ctx, block, 'destination_port_range');
  let ports: PortRange[] | null = [];
  if (portText === '*') ports = null;
  else if (portText) {
    const [from, to] = portText.split('-').map(Number);
    if (Number.isFinite(from)) ports = [{ from, to: Number.isFinite(to) ? to : from }];
  }
  const source = stringOf(ctx, block, 'source_address_prefix');
  const peers: RulePeer[] = [];
  if (source) peers.push(/^[\d.:]+(\/\d+)?$/.test(source) ? { kind: 'cidr', cidr: source } : { kind: 'serviceTag', tag: source });
  peers.push(...cidrPeers(ctx, block, ['source_address_prefixes']));
  const rule: SecurityRule = { direction, action: access, protocol: protocol === '*' ? 'all' : protocol, ports, peers };
  const name = stringOf(ctx, block, 'name');
  if (name) rule.name = name;
  const priority = valueOf(ctx, block, 'priority');
  if (priority?.kind === 'number') rule.priority = priority.value;
  return rule;
}

function applyExtra(ctx: ModuleContext, declaration: Declaration, type: string, byId: Map<string, DiagramResource>): void {
  const block = declaration.block as BlockModel;
  const first = (name: string): DiagramResource | undefined => {
    const id = refs(ctx, block, name)[0];
    return id ? byId.get(id) : undefined;
  };
  switch (type) {
    case 'aws_route': {
      const table = first('route_table_id');
      if (!table) return;
      const relations: Relation[] = [];
      const route = routeOf(ctx, block, relations);
      table.relations.push(...relations);
      const routes = Array.isArray(table.attributes.routes) ? table.attributes.routes : [];
      table.attributes.routes = [...routes, route];
      return;
    }
    case 'aws_route_table_association': {
      const table = first('route_table_id');
      for (const subnet of refs(ctx, block, 'subnet_id')) table?.relations.push({ kind: 'associatedWith', to: subnet });
      return;
    }
    case 'aws_security_group_rule':
    case 'aws_vpc_security_group_ingress_rule':
    case 'aws_vpc_security_group_egress_rule': {
      const group = first('security_group_id');
      if (!group) return;
      const kind = type === 'aws_security_group_rule' ? stringOf(ctx, block, 'type') : type.endsWith('ingress_rule') ? 'ingress' : 'egress';
      const rule = awsRule(ctx, block, kind === 'egress' ? 'outbound' : 'inbound', group.relations);
      const rules = Array.isArray(group.attributes.rules) ? group.attributes.rules : [];
      group.attributes.rules = [...rules, rule as unknown as AttributeValue];
      return;
    }
    case 'aws_lb_target_group_attachment': {
      const group = first('target_group_arn');
      for (const target of refs(ctx, block, 'target_id')) group?.relations.push({ kind: 'targets', to: target });
      return;
    }
    case 'aws_db_subnet_group': {
      const id = ctx.prefix + declaration.key;
      for (const resource of byId.values()) {
        if (resource.type === 'database' && resource.attributes.subnetGroup === id) {
          for (const subnet of refs(ctx, block, 'subnet_ids')) resource.relations.push({ kind: 'inSubnet', to: subnet });
        }
      }
      return;
    }
    case 'azurerm_network_security_rule': {
      const group = first('network_security_group_name');
      if (!group) return;
      const rules = Array.isArray(group.attributes.rules) ? group.attributes.rules : [];
      group.attributes.rules = [...rules, azureRule(ctx, block) as unknown as AttributeValue];
      return;
    }
    case 'azurerm_subnet_network_security_group_association': {
      const subnet = first('subnet_id');
      for (const group of refs(ctx, block, 'network_security_group_id')) subnet?.relations.push({ kind: 'usesSecurityGroup', to: group });
      return;
    }
  }
}

/**
 * Fills in what the snapshot gives directly but code only implies: a load balancer's or a
 * database's network (through its subnets), an Azure VM's subnet (through its interface).
 */
function resolveParents(resources: DiagramResource[], byId: Map<string, DiagramResource>): void {
  for (const resource of resources) {
    if (resource.parent) continue;
    if (resource.type === 'loadBalancer' || resource.type === 'database' || resource.type === 'endpoint') {
      const subnet = resource.relations.find((r) => r.kind === 'inSubnet');
      const network = subnet ? byId.get(subnet.to)?.parent : undefined;
      if (network) resource.parent = network;
    }
    const interfaces = resource.attributes.interfaces;
    if (resource.type === 'instance' && Array.isArray(interfaces) && typeof interfaces[0] === 'string') {
      const nic = byId.get(interfaces[0]);
      if (nic?.parent) resource.parent = nic.parent;
    }
  }
  for (const resource of resources) {
    if (resource.type !== 'database') continue;
    delete resource.attributes.subnetGroup;
  }
}
