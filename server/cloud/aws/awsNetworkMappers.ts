/**
 * EC2 network resources to the snapshot model: VPCs, subnets, route tables and their routes,
 * internet, egress-only and NAT gateways, peering connections, VPC endpoints and transit gateway
 * attachments.
 */
import type {
  EgressOnlyInternetGateway,
  InternetGateway,
  NatGateway,
  Route,
  RouteTable,
  Subnet,
  TransitGatewayAttachment,
  Vpc,
  VpcEndpoint,
  VpcPeeringConnection,
} from '@aws-sdk/client-ec2';
import type { AttributeValue, Relation } from '../../protocol/snapshot';
import type { UncheckedResource } from '../sanitiseResource';
import { present, relationsTo } from '../relations';
import { awsResource, type AwsScope } from './awsResource';

export function mapVpc(scope: AwsScope, vpc: Vpc): UncheckedResource {
  return awsResource(scope, {
    id: vpc.VpcId ?? '',
    type: 'network',
    nativeType: 'AWS::EC2::VPC',
    tags: vpc.Tags,
    attributes: {
      cidrBlocks: present([vpc.CidrBlock, ...(vpc.CidrBlockAssociationSet ?? []).map((a) => a.CidrBlock)]),
      ipv6CidrBlocks: present((vpc.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock)),
      isDefault: vpc.IsDefault ?? false,
      state: vpc.State,
      instanceTenancy: vpc.InstanceTenancy,
    },
  });
}

export function mapSubnet(scope: AwsScope, subnet: Subnet): UncheckedResource {
  return awsResource(scope, {
    id: subnet.SubnetId ?? '',
    type: 'subnet',
    nativeType: 'AWS::EC2::Subnet',
    tags: subnet.Tags,
    zone: subnet.AvailabilityZone,
    parent: subnet.VpcId,
    attributes: {
      cidrBlock: subnet.CidrBlock,
      ipv6CidrBlocks: present((subnet.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock)),
      mapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch ?? false,
      defaultForAz: subnet.DefaultForAz ?? false,
      state: subnet.State,
    },
  });
}

/** Where a route sends traffic: the kind of target and its id. */
function routeTarget(route: Route): { targetKind: string; targetId?: string } {
  const gateway = route.GatewayId;
  if (gateway === 'local') return { targetKind: 'local' };
  if (gateway?.startsWith('igw-')) return { targetKind: 'internetGateway', targetId: gateway };
  if (gateway?.startsWith('vpce-')) return { targetKind: 'endpoint', targetId: gateway };
  if (gateway?.startsWith('vgw-')) return { targetKind: 'vpnGateway', targetId: gateway };
  if (route.NatGatewayId) return { targetKind: 'natGateway', targetId: route.NatGatewayId };
  if (route.VpcPeeringConnectionId) return { targetKind: 'peering', targetId: route.VpcPeeringConnectionId };
  if (route.TransitGatewayId) return { targetKind: 'transitGateway', targetId: route.TransitGatewayId };
  if (route.EgressOnlyInternetGatewayId) return { targetKind: 'egressOnlyInternetGateway', targetId: route.EgressOnlyInternetGatewayId };
  if (route.InstanceId) return { targetKind: 'instance', targetId: route.InstanceId };
  if (route.NetworkInterfaceId) return { targetKind: 'networkInterface', targetId: route.NetworkInterfaceId };
  if (route.LocalGatewayId) return { targetKind: 'localGateway', targetId: route.LocalGatewayId };
  if (route.CarrierGatewayId) return { targetKind: 'carrierGateway', targetId: route.CarrierGatewayId };
  if (route.CoreNetworkArn) return { targetKind: 'coreNetwork', targetId: route.CoreNetworkArn };
  if (gateway) return { targetKind: 'gateway', targetId: gateway };
  return { targetKind: 'none' };
}

export function mapRouteTable(scope: AwsScope, table: RouteTable): UncheckedResource {
  const routes: AttributeValue[] = [];
  const targets: (string | undefined)[] = [];
  for (const route of table.Routes ?? []) {
    const { targetKind, targetId } = routeTarget(route);
    const destination = route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId ?? '';
    const entry: Record<string, AttributeValue> = { destination, targetKind };
    if (targetId) entry.targetId = targetId;
    if (route.State) entry.state = route.State;
    if (route.Origin) entry.origin = route.Origin;
    routes.push(entry);
    targets.push(targetId);
  }
  const associations = table.Associations ?? [];
  return awsResource(scope, {
    id: table.RouteTableId ?? '',
    type: 'routeTable',
    nativeType: 'AWS::EC2::RouteTable',
    tags: table.Tags,
    parent: table.VpcId,
    attributes: { routes, main: associations.some((a) => a.Main === true) },
    relations: [...relationsTo('associatedWith', associations.map((a) => a.SubnetId)), ...relationsTo('routesTo', targets)],
  });
}

export function mapInternetGateway(scope: AwsScope, gateway: InternetGateway): UncheckedResource {
  const attachments = gateway.Attachments ?? [];
  return awsResource(scope, {
    id: gateway.InternetGatewayId ?? '',
    type: 'internetGateway',
    nativeType: 'AWS::EC2::InternetGateway',
    tags: gateway.Tags,
    parent: attachments[0]?.VpcId,
    attributes: { state: attachments[0]?.State ?? 'detached' },
    relations: relationsTo('attachedTo', attachments.map((a) => a.VpcId)),
  });
}

export function mapEgressOnlyInternetGateway(scope: AwsScope, gateway: EgressOnlyInternetGateway): UncheckedResource {
  const attachments = gateway.Attachments ?? [];
  return awsResource(scope, {
    id: gateway.EgressOnlyInternetGatewayId ?? '',
    type: 'egressOnlyInternetGateway',
    nativeType: 'AWS::EC2::EgressOnlyInternetGateway',
    tags: gateway.Tags,
    parent: attachments[0]?.VpcId,
    attributes: { state: attachments[0]?.State ?? 'detached' },
    relations: relationsTo('attachedTo', attachments.map((a) => a.VpcId)),
  });
}

export function mapNatGateway(scope: AwsScope, gateway: NatGateway): UncheckedResource {
  const addresses = gateway.NatGatewayAddresses ?? [];
  return awsResource(scope, {
    id: gateway.NatGatewayId ?? '',
    type: 'natGateway',
    nativeType: 'AWS::EC2::NatGateway',
    tags: gateway.Tags,
    parent: gateway.SubnetId,
    attributes: {
      state: gateway.State,
      connectivityType: gateway.ConnectivityType ?? 'public',
      publicIps: present(addresses.map((a) => a.PublicIp)),
      privateIps: present(addresses.map((a) => a.PrivateIp)),
    },
    relations: relationsTo('attachedTo', addresses.map((a) => a.NetworkInterfaceId)),
  });
}

export function mapPeering(scope: AwsScope, peering: VpcPeeringConnection): UncheckedResource {
  const requester = peering.RequesterVpcInfo ?? {};
  const accepter = peering.AccepterVpcInfo ?? {};
  const cidrs = (info: typeof requester): string[] =>
    present([info.CidrBlock, ...(info.CidrBlockSet ?? []).map((c) => c.CidrBlock)]);
  return awsResource(scope, {
    id: peering.VpcPeeringConnectionId ?? '',
    type: 'peering',
    nativeType: 'AWS::EC2::VPCPeeringConnection',
    tags: peering.Tags,
    attributes: {
      status: peering.Status?.Code,
      requesterNetworkId: requester.VpcId,
      requesterAccount: requester.OwnerId,
      requesterRegion: requester.Region,
      requesterCidrBlocks: cidrs(requester),
      accepterNetworkId: accepter.VpcId,
      accepterAccount: accepter.OwnerId,
      accepterRegion: accepter.Region,
      accepterCidrBlocks: cidrs(accepter),
    },
    relations: relationsTo('peers', [requester.VpcId, accepter.VpcId]),
  });
}

export function mapVpcEndpoint(scope: AwsScope, endpoint: VpcEndpoint): UncheckedResource {
  const relations: Relation[] = [
    ...relationsTo('inSubnet', endpoint.SubnetIds ?? []),
    ...relationsTo('usesSecurityGroup', (endpoint.Groups ?? []).map((g) => g.GroupId)),
    ...relationsTo('associatedWith', endpoint.RouteTableIds ?? []),
  ];
  return awsResource(scope, {
    id: endpoint.VpcEndpointId ?? '',
    type: 'endpoint',
    nativeType: 'AWS::EC2::VPCEndpoint',
    tags: endpoint.Tags,
    parent: endpoint.VpcId,
    fallbackName: endpoint.ServiceName,
    attributes: {
      serviceName: endpoint.ServiceName,
      endpointType: endpoint.VpcEndpointType,
      state: endpoint.State,
      privateDnsEnabled: endpoint.PrivateDnsEnabled,
    },
    relations,
  });
}

export function mapTransitGatewayAttachment(scope: AwsScope, attachment: TransitGatewayAttachment): UncheckedResource {
  const isVpc = attachment.ResourceType === 'vpc';
  return awsResource(scope, {
    id: attachment.TransitGatewayAttachmentId ?? '',
    type: 'transitGatewayAttachment',
    nativeType: 'AWS::EC2::TransitGatewayAttachment',
    tags: attachment.Tags,
    parent: isVpc ? attachment.ResourceId : undefined,
    attributes: {
      transitGatewayId: attachment.TransitGatewayId,
      transitGatewayAccount: attachment.TransitGatewayOwnerId,
      resourceType: attachment.ResourceType,
      resourceId: attachment.ResourceId,
      state: attachment.State,
    },
    relations: relationsTo('attachedTo', [isVpc ? attachment.ResourceId : undefined, attachment.TransitGatewayId]),
  });
}
