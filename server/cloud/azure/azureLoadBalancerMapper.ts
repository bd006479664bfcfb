/**
 * Azure load balancers to the snapshot model: frontends (public IP or subnet), backend pools with
 * the interfaces in them, balancing rules and probes. Backend members become `targets` relations
 * to their network interfaces, the edges a diagram draws.
 */
import type { LoadBalancer } from '@azure/arm-network';
import type { AttributeValue } from '../../protocol/snapshot';
import { present, relationsTo } from '../relations';
import type { UncheckedResource } from '../sanitiseResource';
import { azureResource, parentIdOf } from './azureResource';

const lastSegment = (id: string | undefined): string | undefined => id?.split('/').pop();

export function mapLoadBalancer(lb: LoadBalancer): UncheckedResource {
  const frontends: AttributeValue[] = (lb.frontendIPConfigurations ?? []).map((f) => {
    const out: Record<string, AttributeValue> = { name: f.name ?? '' };
    if (f.privateIPAddress) out.privateIp = f.privateIPAddress;
    if (f.publicIPAddress?.id) out.publicIpId = f.publicIPAddress.id;
    if (f.subnet?.id) out.subnetId = f.subnet.id;
    return out;
  });
  const members = (lb.backendAddressPools ?? []).map((pool) => ({
    name: pool.name ?? '',
    interfaces: present((pool.backendIPConfigurations ?? []).map((c) => parentIdOf(c.id, 'ipConfigurations'))),
  }));
  const rules: AttributeValue[] = (lb.loadBalancingRules ?? []).map((r) => {
    const out: Record<string, AttributeValue> = { name: r.name ?? '', protocol: r.protocol ?? 'All' };
    if (r.frontendPort !== undefined) out.frontendPort = r.frontendPort;
    if (r.backendPort !== undefined) out.backendPort = r.backendPort;
    const frontend = lastSegment(r.frontendIPConfiguration?.id);
    if (frontend) out.frontend = frontend;
    const pool = lastSegment(r.backendAddressPool?.id);
    if (pool) out.backendPool = pool;
    return out;
  });
  const probes: AttributeValue[] = (lb.probes ?? []).map((p) => {
    const out: Record<string, AttributeValue> = { name: p.name ?? '', protocol: p.protocol ?? 'Tcp' };
    if (p.port !== undefined) out.port = p.port;
    if (p.requestPath) out.path = p.requestPath;
    return out;
  });
  const isPublic = frontends.some((f) => typeof f === 'object' && f !== null && !Array.isArray(f) && 'publicIpId' in f);
  return azureResource({
    id: lb.id ?? '',
    type: 'loadBalancer',
    nativeType: 'Microsoft.Network/loadBalancers',
    name: lb.name,
    location: lb.location,
    tags: lb.tags,
    attributes: {
      loadBalancerType: 'network',
      scheme: isPublic ? 'internet-facing' : 'internal',
      sku: lb.sku?.name,
      frontends,
      backendPools: members.map((m) => ({ name: m.name, interfaces: m.interfaces })),
      rules,
      probes,
    },
    relations: [
      ...relationsTo('inSubnet', (lb.frontendIPConfigurations ?? []).map((f) => f.subnet?.id)),
      ...relationsTo('targets', members.flatMap((m) => m.interfaces)),
    ],
  });
}
