/**
 * A provider-neutral snapshot resource seen the way Terraform code sees it: a Terraform resource
 * type, attributes under Terraform's names as the static evaluator's `Value`s, and security-group
 * rules as Terraform-shaped `ingress` / `egress` blocks. Drift compares code with live through
 * this view, and the compliance rules can read live resources through it with the same attribute
 * paths they read code with (docs/linking.md).
 */
import type { AttributeValue, CloudResource, ResourceType, SecurityRule } from '../protocol/snapshot';
import { boolValue, fromJson, getPath, listValue, numberValue, objectValue, stringValue, type Value } from '../terraform/values';

/** The Terraform resource type of each neutral type, per provider. */
const terraformTypes: Record<'aws' | 'azure', Partial<Record<ResourceType, string>>> = {
  aws: {
    network: 'aws_vpc',
    subnet: 'aws_subnet',
    routeTable: 'aws_route_table',
    internetGateway: 'aws_internet_gateway',
    egressOnlyInternetGateway: 'aws_egress_only_internet_gateway',
    natGateway: 'aws_nat_gateway',
    securityGroup: 'aws_security_group',
    instance: 'aws_instance',
    networkInterface: 'aws_network_interface',
    publicIp: 'aws_eip',
    peering: 'aws_vpc_peering_connection',
    endpoint: 'aws_vpc_endpoint',
    transitGatewayAttachment: 'aws_ec2_transit_gateway_vpc_attachment',
    loadBalancer: 'aws_lb',
    listener: 'aws_lb_listener',
    targetGroup: 'aws_lb_target_group',
    database: 'aws_db_instance',
  },
  azure: {
    network: 'azurerm_virtual_network',
    subnet: 'azurerm_subnet',
    routeTable: 'azurerm_route_table',
    natGateway: 'azurerm_nat_gateway',
    securityGroup: 'azurerm_network_security_group',
    networkInterface: 'azurerm_network_interface',
    publicIp: 'azurerm_public_ip',
    peering: 'azurerm_virtual_network_peering',
    loadBalancer: 'azurerm_lb',
  },
};

/** Terraform types that are other names for a snapshot type (`aws_alb` is `aws_lb`). */
const aliases: Record<string, string> = { aws_alb: 'aws_lb', aws_alb_listener: 'aws_lb_listener', aws_alb_target_group: 'aws_lb_target_group' };

/** The Terraform resource type a snapshot resource corresponds to, if Cartograph maps it. */
export function terraformTypeOf(resource: Pick<CloudResource, 'provider' | 'type'>): string | undefined {
  return terraformTypes[resource.provider][resource.type];
}

const neutralTypes = new Map<string, ResourceType>();
for (const provider of ['aws', 'azure'] as const) for (const [neutral, tf] of Object.entries(terraformTypes[provider])) neutralTypes.set(tf, neutral as ResourceType);

/** The snapshot's neutral type for a Terraform resource type, if the snapshot can hold it. */
export function snapshotTypeOf(terraformType: string): ResourceType | undefined {
  return neutralTypes.get(aliases[terraformType] ?? terraformType);
}

/** A live resource as Terraform code names it. */
export interface LiveResourceView {
  /** The Terraform resource type, e.g. `aws_security_group`; the neutral type when none maps. */
  type: string;
  /** The provider's id (`sg-…`, an ARN). */
  id: string;
  region: string;
  resource: CloudResource;
  /**
   * The attribute under its Terraform name (a path into it after the name), e.g. `instance_type`,
   * `["tags", "Name"]`, `["ingress", 0, "cidr_blocks"]`; `undefined` when the snapshot does not hold it.
   */
  attribute(path: string | readonly (string | number)[]): Value | undefined;
  /** Nested blocks under their Terraform name: `ingress` and `egress` of a security group, `route` of a route table. */
  blocks(name: string): Value[];
}

/** Views are built once per resource: linking, drift, hover and the rules on live read the same ones. */
const views = new WeakMap<CloudResource, LiveResourceView>();

/** The Terraform-named view of one snapshot resource. */
export function liveResourceView(resource: CloudResource): LiveResourceView {
  let view = views.get(resource);
  if (!view) views.set(resource, (view = buildLiveResourceView(resource)));
  return view;
}

function buildLiveResourceView(resource: CloudResource): LiveResourceView {
  const attributes = terraformAttributes(resource);
  return {
    type: terraformTypeOf(resource) ?? resource.type,
    id: resource.id,
    region: resource.region,
    resource,
    attribute(path) {
      const [name, ...rest] = typeof path === 'string' ? [path] : path;
      if (typeof name !== 'string') return undefined;
      const v = attributes.get(name);
      if (v === undefined) return undefined;
      return rest.length > 0 ? getPath(v, rest) : v;
    },
    blocks(name) {
      const v = attributes.get(name);
      return v?.kind === 'list' ? v.items : [];
    },
  };
}

function text(v: AttributeValue | undefined): Value | undefined {
  return typeof v === 'string' ? stringValue(v) : undefined;
}
function num(v: AttributeValue | undefined): Value | undefined {
  return typeof v === 'number' ? numberValue(v) : undefined;
}
function bool(v: AttributeValue | undefined): Value | undefined {
  return typeof v === 'boolean' ? boolValue(v) : undefined;
}

/** The Terraform-named attributes of a resource, some computed on first use; absent values are left out. */
function terraformAttributes(r: CloudResource): { get(name: string): Value | undefined } {
  const a = r.attributes;
  const out = new Map<string, Value>();
  const lazy = new Map<string, () => Value>();
  const result = {
    get(name: string): Value | undefined {
      const make = lazy.get(name);
      if (make) {
        out.set(name, make());
        lazy.delete(name);
      }
      return out.get(name);
    },
  };
  const set = (name: string, v: Value | undefined): void => {
    if (v !== undefined) out.set(name, v);
  };
  set('id', stringValue(r.id));
  set('arn', r.id.startsWith('arn:') ? stringValue(r.id) : undefined);
  lazy.set('tags', () => objectValue(Object.fromEntries(Object.entries(r.tags).map(([k, v]) => [k, stringValue(v)]))));
  set('availability_zone', r.zone === undefined ? undefined : stringValue(r.zone));
  const securityGroups = r.relations.filter((x) => x.kind === 'usesSecurityGroup').map((x) => stringValue(x.to));
  const subnets = r.relations.filter((x) => x.kind === 'inSubnet').map((x) => stringValue(x.to));
  if (r.provider !== 'aws') {
    for (const [k, v] of Object.entries(a)) set(k, fromJson(v));
    azureAttributes(r, set, lazy);
    return result;
  }
  switch (r.type) {
    case 'network': {
      const cidrs = Array.isArray(a.cidrBlocks) ? a.cidrBlocks : [];
      set('cidr_block', text(cidrs[0]));
      set('instance_tenancy', text(a.instanceTenancy));
      const v6 = Array.isArray(a.ipv6CidrBlocks) ? a.ipv6CidrBlocks : [];
      set('ipv6_cidr_block', text(v6[0]));
      break;
    }
    case 'subnet':
      set('cidr_block', text(a.cidrBlock));
      set('map_public_ip_on_launch', bool(a.mapPublicIpOnLaunch));
      set('vpc_id', text(r.parent));
      break;
    case 'securityGroup': {
      set('name', text(a.groupName));
      set('description', text(a.description));
      set('vpc_id', text(r.parent));
      const rules = Array.isArray(a.rules) ? (a.rules as unknown as SecurityRule[]) : [];
      // Rule blocks are built when asked for: drift reads the neutral rules directly.
      lazy.set('ingress', () => listValue(rules.filter((x) => x.direction === 'inbound').flatMap((x) => terraformRuleBlocks(x, r.id))));
      lazy.set('egress', () => listValue(rules.filter((x) => x.direction === 'outbound').flatMap((x) => terraformRuleBlocks(x, r.id))));
      break;
    }
    case 'instance':
      set('instance_type', text(a.instanceType));
      set('instance_state', text(a.state));
      set('ami', text(a.imageId));
      set('private_ip', text(a.privateIpAddress));
      set('public_ip', text(a.publicIpAddress));
      set('key_name', text(a.keyName));
      set('iam_instance_profile', text(a.iamInstanceProfile));
      set('subnet_id', text(r.parent));
      set('vpc_security_group_ids', listValue(securityGroups));
      if (typeof a.metadataHttpTokens === 'string') set('metadata_options', listValue([objectValue({ http_tokens: stringValue(a.metadataHttpTokens) })]));
      break;
    case 'database':
      set('identifier', text(a.identifier));
      set('engine', text(a.engine));
      set('engine_version', text(a.engineVersion));
      set('instance_class', text(a.instanceClass));
      set('status', text(a.status));
      set('publicly_accessible', bool(a.publiclyAccessible));
      set('storage_encrypted', bool(a.storageEncrypted));
      set('kms_key_id', text(a.kmsKeyId));
      set('storage_type', text(a.storageType));
      set('allocated_storage', num(a.allocatedStorageGb));
      set('multi_az', bool(a.multiAz));
      set('address', text(a.endpointAddress));
      set('port', num(a.port));
      set('backup_retention_period', num(a.backupRetentionDays));
      set('iam_database_authentication_enabled', bool(a.iamAuthentication));
      set('deletion_protection', bool(a.deletionProtection));
      set('db_subnet_group_name', text(a.subnetGroupName));
      set('vpc_security_group_ids', listValue(securityGroups));
      break;
    case 'loadBalancer':
      set('name', text(r.name));
      set('load_balancer_type', text(a.loadBalancerType));
      set('internal', typeof a.scheme === 'string' ? boolValue(a.scheme === 'internal') : undefined);
      set('dns_name', text(a.dnsName));
      set('ip_address_type', text(a.ipAddressType));
      set('security_groups', listValue(securityGroups));
      set('subnets', listValue(subnets));
      set('state', text(a.state));
      break;
    case 'listener':
      set('load_balancer_arn', text(r.parent));
      set('port', num(a.port));
      set('protocol', text(a.protocol));
      set('ssl_policy', text(a.sslPolicy));
      set('certificate_arn', Array.isArray(a.certificateArns) ? text(a.certificateArns[0]) : undefined);
      break;
    case 'targetGroup':
      set('name', text(r.name));
      set('port', num(a.port));
      set('protocol', text(a.protocol));
      set('target_type', text(a.targetType));
      set('vpc_id', text(r.parent));
      break;
    case 'endpoint':
      set('service_name', text(a.serviceName));
      set('vpc_endpoint_type', text(a.endpointType));
      set('vpc_id', text(r.parent));
      set('state', text(a.state));
      break;
    case 'natGateway':
      set('subnet_id', text(r.parent));
      set('state', text(a.state));
      set('public_ip', Array.isArray(a.publicIps) ? text(a.publicIps[0]) : undefined);
      set('private_ip', Array.isArray(a.privateIps) ? text(a.privateIps[0]) : undefined);
      break;
    case 'publicIp':
      set('public_ip', text(a.publicIp));
      set('private_ip', text(a.privateIp));
      set('domain', text(a.domain));
      break;
    case 'internetGateway':
    case 'egressOnlyInternetGateway':
      set('vpc_id', text(r.parent));
      set('state', text(a.state));
      break;
    case 'routeTable':
      set('vpc_id', text(r.parent));
      set('route', Array.isArray(a.routes) ? listValue(a.routes.filter((x) => x && typeof x === 'object' && !Array.isArray(x) && x.targetKind !== 'local').map((x) => fromJson(x))) : undefined);
      break;
    case 'peering':
      set('vpc_id', text(a.requesterNetworkId));
      set('peer_vpc_id', text(a.accepterNetworkId));
      set('peer_region', text(a.accepterRegion));
      set('peer_owner_id', text(a.accepterAccount));
      set('accept_status', text(a.status));
      break;
    case 'networkInterface':
      set('subnet_id', text(r.parent));
      set('private_ips', Array.isArray(a.privateIpAddresses) ? fromJson(a.privateIpAddresses) : undefined);
      set('source_dest_check', bool(a.sourceDestCheck));
      set('description', text(a.description));
      set('security_groups', listValue(securityGroups));
      break;
    default:
      for (const [k, v] of Object.entries(a)) set(k, fromJson(v));
  }
  return result;
}

/**
 * The attributes of an Azure resource under their `azurerm` names, beside the neutral ones: its
 * `location` (the residency rule reads it), and a network security group's `name` and
 * `security_rule` blocks (the NSG rules read them), so that the same rules see a risk made in the
 * portal. Azure's built-in default rules are left out, as Terraform's `security_rule` does.
 */
function azureAttributes(r: CloudResource, set: (name: string, v: Value | undefined) => void, lazy: Map<string, () => Value>): void {
  if (r.region) set('location', stringValue(r.region));
  set('name', stringValue(r.name));
  if (r.type !== 'securityGroup') return;
  const rules = Array.isArray(r.attributes.rules) ? (r.attributes.rules as unknown as SecurityRule[]) : [];
  lazy.set('security_rule', () => listValue(rules.filter((x) => !x.isDefault).map((x) => azureRuleBlock(x))));
}

const azureProtocols: Record<string, string> = { all: '*', tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', esp: 'Esp', ah: 'Ah' };

/** One neutral Azure rule as an `azurerm` `security_rule` block. */
export function azureRuleBlock(rule: SecurityRule): Value {
  // The peers are the other side: the source of an inbound rule, the destination of an outbound one.
  const [sources, destinations] = rule.direction === 'inbound' ? [rule.peers, rule.local] : [rule.local, rule.peers];
  const prefixes = (peers: readonly SecurityRule['peers'][number][] | undefined): string[] =>
    (peers ?? []).flatMap((p) => (p.kind === 'cidr' ? [p.cidr] : p.kind === 'serviceTag' ? [p.tag] : []));
  const groups = (peers: readonly SecurityRule['peers'][number][] | undefined): Value[] =>
    (peers ?? []).flatMap((p) => (p.kind === 'securityGroup' ? [stringValue(p.id)] : []));
  const fields: Record<string, Value> = {
    direction: stringValue(rule.direction === 'inbound' ? 'Inbound' : 'Outbound'),
    access: stringValue(rule.action === 'allow' ? 'Allow' : 'Deny'),
    protocol: stringValue(azureProtocols[rule.protocol] ?? rule.protocol),
    source_port_range: stringValue('*'),
  };
  if (rule.name !== undefined) fields.name = stringValue(rule.name);
  if (rule.priority !== undefined) fields.priority = numberValue(rule.priority);
  if (rule.description !== undefined) fields.description = stringValue(rule.description);
  const ports = (rule.ports ?? []).map((range) => (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`));
  if (rule.ports === null || ports.length === 1) fields.destination_port_range = stringValue(rule.ports === null ? '*' : ports[0]);
  else fields.destination_port_ranges = listValue(ports.map((p) => stringValue(p)));
  const address = (side: 'source' | 'destination', peers: readonly SecurityRule['peers'][number][] | undefined): void => {
    const list = prefixes(peers);
    const asgs = groups(peers);
    // A side with no peers (the rule's own side left as `*`) is every address.
    if (list.length === 0 && asgs.length === 0) fields[`${side}_address_prefix`] = stringValue('*');
    else if (list.length === 1) fields[`${side}_address_prefix`] = stringValue(list[0]);
    else if (list.length > 1) fields[`${side}_address_prefixes`] = listValue(list.map((p) => stringValue(p)));
    if (asgs.length > 0) fields[`${side}_application_security_group_ids`] = listValue(asgs);
  };
  address('source', sources);
  address('destination', destinations);
  return objectValue(fields);
}

/**
 * One neutral rule as Terraform `ingress`/`egress` blocks (one per port range): `protocol` `-1`
 * for every protocol, `from_port`/`to_port` 0 for every port, peers split into `cidr_blocks`,
 * `ipv6_cidr_blocks`, `security_groups`, `prefix_list_ids` and `self`.
 */
export function terraformRuleBlocks(rule: SecurityRule, groupId: string): Value[] {
  const cidr4 = rule.peers.flatMap((p) => (p.kind === 'cidr' && !p.cidr.includes(':') ? [stringValue(p.cidr)] : []));
  const cidr6 = rule.peers.flatMap((p) => (p.kind === 'cidr' && p.cidr.includes(':') ? [stringValue(p.cidr)] : []));
  const groups = rule.peers.flatMap((p) => (p.kind === 'securityGroup' && p.id !== groupId ? [stringValue(p.id)] : []));
  const prefixLists = rule.peers.flatMap((p) => (p.kind === 'prefixList' ? [stringValue(p.id)] : []));
  const self = rule.peers.some((p) => p.kind === 'securityGroup' && p.id === groupId);
  const description = rule.description ?? rule.peers.map((p) => ('description' in p ? p.description : undefined)).find((d) => d !== undefined);
  const ranges = rule.ports ?? [{ from: rule.protocol === 'all' ? 0 : rule.protocol === 'icmp' || rule.protocol === 'icmpv6' ? -1 : 0, to: rule.protocol === 'all' ? 0 : rule.protocol === 'icmp' || rule.protocol === 'icmpv6' ? -1 : 65535 }];
  return ranges.map((range) =>
    objectValue({
      protocol: stringValue(rule.protocol === 'all' ? '-1' : rule.protocol),
      from_port: numberValue(range.from),
      to_port: numberValue(range.to),
      cidr_blocks: listValue(cidr4),
      ipv6_cidr_blocks: listValue(cidr6),
      security_groups: listValue(groups),
      prefix_list_ids: listValue(prefixLists),
      self: boolValue(self),
      ...(description !== undefined ? { description: stringValue(description) } : {}),
    }),
  );
}
