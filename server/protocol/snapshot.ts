/**
 * The normalised cloud snapshot: what an import of AWS or Azure leaves on disk, and what the
 * diagrams, the compliance rules and the drift check read. Provider-neutral resources, never SDK
 * shapes. Documented for users in docs/snapshot-format.md; bump `snapshotFormatVersion` on any
 * change that an older reader would misread.
 */

/** The format's name, written into every snapshot so that a reader can tell what a file is. */
export const snapshotFormatName = 'cartograph.snapshot';

/** The version of the format this code writes and reads. */
export const snapshotFormatVersion = 1;

/** The clouds Cartograph imports from. */
export type CloudProvider = 'aws' | 'azure';

/**
 * The provider-neutral kinds of resource. An AWS VPC and an Azure virtual network are both a
 * `network`; a security group and a network security group are both a `securityGroup`.
 */
export type ResourceType =
  | 'network'
  | 'subnet'
  | 'routeTable'
  | 'internetGateway'
  | 'egressOnlyInternetGateway'
  | 'natGateway'
  | 'securityGroup'
  | 'instance'
  | 'networkInterface'
  | 'publicIp'
  | 'peering'
  | 'endpoint'
  | 'transitGatewayAttachment'
  | 'loadBalancer'
  | 'listener'
  | 'targetGroup'
  | 'database';

/**
 * How one resource relates to another, read from the resource that holds the relation:
 * - `inSubnet`: it has a presence in that subnet (a load balancer, a database, an endpoint);
 * - `usesSecurityGroup`: traffic to it is filtered by that security group;
 * - `associatedWith`: a route table applies to that subnet;
 * - `routesTo`: a route table sends traffic to that gateway, peering, endpoint or interface;
 * - `attachedTo`: a gateway to its network, an interface to its instance, a public IP to what holds it;
 * - `peers`: a peering joins that network;
 * - `allowsFrom` / `allowsTo`: a security group's rule names that group as its source / destination;
 * - `targets`: a listener forwards to that target group, a target group (or an Azure load balancer's
 *   backend pool) sends traffic to that instance or interface.
 */
export type RelationKind =
  | 'inSubnet'
  | 'usesSecurityGroup'
  | 'associatedWith'
  | 'routesTo'
  | 'attachedTo'
  | 'peers'
  | 'allowsFrom'
  | 'allowsTo'
  | 'targets';

/** A directed edge from the resource that holds it to the resource whose id is `to`. */
export interface Relation {
  kind: RelationKind;
  /** The target's id. It may name a resource outside the snapshot (another account, a denied call). */
  to: string;
}

/** A JSON value an attribute may hold. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** One resource, as every consumer of a snapshot sees it. */
export interface CloudResource {
  /** The provider's own id: `vpc-0abc…`, an ARN, or an Azure resource id. Unique in a snapshot. */
  id: string;
  type: ResourceType;
  provider: CloudProvider;
  /** The provider's name for the kind, e.g. `AWS::EC2::VPC` or `Microsoft.Network/virtualNetworks`. */
  nativeType: string;
  /** The `Name` tag (AWS) or the resource name (Azure); the id when there is none. */
  name: string;
  /** The AWS account id or the Azure subscription id. */
  account: string;
  /** The AWS region or the Azure location. */
  region: string;
  /** The availability zone, when the resource lives in one. */
  zone?: string;
  /** The id of the resource this one is drawn inside (a subnet's network, an instance's subnet). */
  parent?: string;
  /** Tags, with the value of any tag that looks like a secret replaced by `redactedValue`. */
  tags: Record<string, string>;
  /** Only the fields in the type's allowlist (see `server/cloud/attributeAllowlist.ts`). */
  attributes: Record<string, AttributeValue>;
  relations: Relation[];
}

/**
 * A normalised security-group rule (AWS security group or Azure network security group).
 * AWS rules are all `allow` and have no priority; Azure's have both.
 */
export interface SecurityRule {
  /** The provider's rule id (`sgr-…`, an Azure rule id) when it has one. */
  id?: string;
  name?: string;
  direction: 'inbound' | 'outbound';
  action: 'allow' | 'deny';
  /** Azure only: lower numbers are evaluated first. */
  priority?: number;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or an IANA protocol number as text. */
  protocol: string;
  /** Destination ports; `null` means every port. For ICMP, AWS's type and code ranges. */
  ports: PortRange[] | null;
  /** The other side of the rule: the source of an inbound rule, the destination of an outbound one. */
  peers: RulePeer[];
  /** Azure only: this side of the rule (the destination of an inbound rule), when not `*`. */
  local?: RulePeer[];
  /** Azure's built-in default rules are marked so that diagrams can fold them away. */
  isDefault?: boolean;
  description?: string;
}

/** An inclusive port range. */
export interface PortRange {
  from: number;
  to: number;
}

/**
 * Who a rule lets in or out: an address range, another security group, an AWS prefix list, or an
 * Azure service tag (`Internet`, `VirtualNetwork`, `AzureLoadBalancer`, `*` for any).
 */
export type RulePeer =
  | { kind: 'cidr'; cidr: string; description?: string }
  | { kind: 'securityGroup'; id: string; account?: string; description?: string }
  | { kind: 'prefixList'; id: string; description?: string }
  | { kind: 'serviceTag'; tag: string };

/** Why part of the estate could not be read. */
export type GapReason = 'denied' | 'timeout' | 'unsupported' | 'throttled' | 'failed';

/**
 * Something the import could not see. The import goes on without it; the user is shown the gap
 * and, for a denied call, the permission that would fill it.
 */
export interface ImportGap {
  provider: CloudProvider;
  /** The account or subscription; absent when the failure came before it was known. */
  account?: string;
  /** The region; absent for calls that are not regional (Azure lists, STS). */
  region?: string;
  /** The API operation that failed, e.g. `DescribeNatGateways` or `networkSecurityGroups.listAll`. */
  operation: string;
  /** The IAM action or Azure role action that would allow the call, e.g. `ec2:DescribeNatGateways`. */
  permission: string;
  /** The kinds of resource missing from the snapshot because of this gap. */
  resourceTypes: ResourceType[];
  reason: GapReason;
  /** The provider's error code and message, with anything secret-looking removed. */
  message: string;
}

/** Who the import read as, for one account or subscription. */
export interface ImportIdentity {
  provider: CloudProvider;
  /** The AWS account id or the Azure subscription id. */
  account: string;
  /** The principal's ARN (AWS) when known: the assumed role, the user. */
  principal?: string;
  /** The connection's label, when the caller gave one. */
  connection?: string;
}

/** Figures about the import itself. */
export interface ImportStats {
  /** API calls made, retries not included. */
  calls: number;
  /** Read calls that returned data (sign-in calls such as AssumeRole are not counted). */
  succeededCalls: number;
  durationMs: number;
  /** The number of values replaced because they looked like secrets. */
  redactedValues: number;
}

/** A whole snapshot file. */
export interface CloudSnapshot {
  format: typeof snapshotFormatName;
  version: typeof snapshotFormatVersion;
  provider: CloudProvider;
  /** When the import started, ISO 8601 in UTC. */
  importedAt: string;
  identities: ImportIdentity[];
  /** The regions (AWS) or locations (Azure) that were asked for; Azure lists every location. */
  regions: string[];
  resources: CloudResource[];
  gaps: ImportGap[];
  stats: ImportStats;
}

/** What replaces a value that looks like a secret. */
export const redactedValue = '[redacted]';

/** Progress of a running import, for a progress bar: `done` of `total` calls, the last one named. */
export interface ImportProgress {
  done: number;
  total: number;
  /** What just finished, e.g. `123456789012 eu-west-1 DescribeInstances: 42 instances`. */
  message: string;
}
