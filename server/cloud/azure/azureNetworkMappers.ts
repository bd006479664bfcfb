/**
 * Azure virtual networks (with their subnets and peerings, which the list returns inline), route
 * tables, NAT gateways, public IPs and network interfaces to the snapshot model.
 */
import type { NatGateway, NetworkInterface, PublicIPAddress, RouteTable, Subnet, VirtualNetwork, VirtualNetworkPeering } from '@azure/arm-network';
import type { AttributeValue } from '../../protocol/snapshot';
import { present, relationsTo } from '../relations';
import type { UncheckedResource } from '../sanitiseResource';
import { azureResource, parentIdOf } from './azureResource';

/** A virtual network, and its subnets and peerings as resources of their own. */
export function mapVirtualNetwork(vnet: VirtualNetwork): UncheckedResource[] {
  const id = vnet.id ?? '';
  const network = azureResource({
    id,
    type: 'network',
    nativeType: 'Microsoft.Network/virtualNetworks',
    name: vnet.name,
    location: vnet.location,
    tags: vnet.tags,
    attributes: {
      cidrBlocks: present(vnet.addressSpace?.addressPrefixes),
      dnsServers: present(vnet.dhcpOptions?.dnsServers),
      ddosProtection: vnet.enableDdosProtection ?? false,
    },
  });
  const subnets = (vnet.subnets ?? []).map((s) => mapSubnet(s, id, vnet.location));
  const peerings = (vnet.virtualNetworkPeerings ?? []).map((p) => mapPeering(p, id, vnet.location));
  return [network, ...subnets, ...peerings];
}

function mapSubnet(subnet: Subnet, vnetId: string, location: string | undefined): UncheckedResource {
  const prefixes = present([subnet.addressPrefix, ...(subnet.addressPrefixes ?? [])]);
  return azureResource({
    id: subnet.id ?? '',
    type: 'subnet',
    nativeType: 'Microsoft.Network/virtualNetworks/subnets',
    name: subnet.name,
    location,
    parent: vnetId,
    attributes: { cidrBlock: prefixes[0], cidrBlocks: prefixes },
    relations: relationsTo('usesSecurityGroup', [subnet.networkSecurityGroup?.id]),
  });
}

function mapPeering(peering: VirtualNetworkPeering, vnetId: string, location: string | undefined): UncheckedResource {
  const remote = peering.remoteVirtualNetwork?.id;
  return azureResource({
    id: peering.id ?? '',
    type: 'peering',
    nativeType: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    name: peering.name,
    location,
    parent: vnetId,
    attributes: {
      status: peering.peeringState,
      remoteNetworkId: remote,
      remoteCidrBlocks: present(peering.remoteAddressSpace?.addressPrefixes),
      allowNetworkAccess: peering.allowVirtualNetworkAccess,
      allowForwardedTraffic: peering.allowForwardedTraffic,
      allowGatewayTransit: peering.allowGatewayTransit,
      useRemoteGateways: peering.useRemoteGateways,
    },
    relations: relationsTo('peers', [vnetId, remote]),
  });
}

const nextHopKinds: Record<string, string> = {
  Internet: 'internet',
  VirtualAppliance: 'virtualAppliance',
  VnetLocal: 'local',
  VirtualNetworkGateway: 'vpnGateway',
  None: 'none',
};

export function mapRouteTable(table: RouteTable): UncheckedResource {
  const routes: AttributeValue[] = (table.routes ?? []).map((route) => {
    const entry: Record<string, AttributeValue> = {
      destination: route.addressPrefix ?? '',
      targetKind: nextHopKinds[route.nextHopType ?? 'None'] ?? String(route.nextHopType),
    };
    if (route.name) entry.name = route.name;
    if (route.nextHopIpAddress) entry.nextHopIp = route.nextHopIpAddress;
    return entry;
  });
  return azureResource({
    id: table.id ?? '',
    type: 'routeTable',
    nativeType: 'Microsoft.Network/routeTables',
    name: table.name,
    location: table.location,
    tags: table.tags,
    attributes: { routes, main: false },
    relations: relationsTo('associatedWith', (table.subnets ?? []).map((s) => s.id)),
  });
}

export function mapNatGateway(gateway: NatGateway): UncheckedResource {
  return azureResource({
    id: gateway.id ?? '',
    type: 'natGateway',
    nativeType: 'Microsoft.Network/natGateways',
    name: gateway.name,
    location: gateway.location,
    zones: gateway.zones,
    tags: gateway.tags,
    attributes: { connectivityType: 'public' },
    relations: [
      ...relationsTo('associatedWith', (gateway.subnets ?? []).map((s) => s.id)),
      ...relationsTo('attachedTo', (gateway.publicIpAddresses ?? []).map((p) => p.id)),
    ],
  });
}

export function mapPublicIp(address: PublicIPAddress): UncheckedResource {
  // The IP configuration that holds the address belongs to a NIC, a load balancer or a gateway.
  const holder = address.ipConfiguration?.id;
  const owner =
    parentIdOf(holder, 'ipConfigurations') ?? parentIdOf(holder, 'frontendIPConfigurations') ?? parentIdOf(holder, 'ipConfigs') ?? holder;
  return azureResource({
    id: address.id ?? '',
    type: 'publicIp',
    nativeType: 'Microsoft.Network/publicIPAddresses',
    name: address.name,
    location: address.location,
    zones: address.zones,
    tags: address.tags,
    attributes: {
      publicIp: address.ipAddress,
      allocationMethod: address.publicIPAllocationMethod,
      sku: address.sku?.name,
      ipVersion: address.publicIPAddressVersion,
    },
    relations: relationsTo('attachedTo', [owner]),
  });
}

export function mapNetworkInterface(nic: NetworkInterface): UncheckedResource {
  const configs = nic.ipConfigurations ?? [];
  const primary = configs.find((c) => c.primary) ?? configs[0];
  const subnets = configs.map((c) => c.subnet?.id);
  return azureResource({
    id: nic.id ?? '',
    type: 'networkInterface',
    nativeType: 'Microsoft.Network/networkInterfaces',
    name: nic.name,
    location: nic.location,
    tags: nic.tags,
    parent: primary?.subnet?.id,
    attributes: {
      privateIpAddresses: present(configs.map((c) => c.privateIPAddress)),
      ipForwarding: nic.enableIPForwarding ?? false,
      primary: nic.primary,
    },
    relations: [
      ...relationsTo('attachedTo', [nic.virtualMachine?.id]),
      ...relationsTo('usesSecurityGroup', [nic.networkSecurityGroup?.id, ...configs.flatMap((c) => (c.applicationSecurityGroups ?? []).map((g) => g.id))]),
      ...relationsTo('inSubnet', subnets.slice(1)),
    ],
  });
}
