import type { CloudResource, CloudSnapshot } from '../protocol/snapshot';

/**
 * A generated AWS estate of about `size` resources (networks, zones, subnets, instances with their
 * interfaces, gateways, route tables, security groups, load balancers, databases), for the layout
 * benchmark and the scale tests. Deterministic: the same size gives the same snapshot.
 */
export function syntheticSnapshot(size: number): CloudSnapshot {
  const resources: CloudResource[] = [];
  const account = '123456789012';
  const region = 'eu-west-1';
  const add = (r: Omit<CloudResource, 'provider' | 'account' | 'region' | 'tags' | 'nativeType'> & { tags?: Record<string, string> }): void => {
    resources.push({ provider: 'aws', account, region, nativeType: r.type, tags: r.tags ?? { Name: r.name }, ...r });
  };
  const networks = Math.max(1, Math.round(size / 1000));
  const subnetsPerNetwork = 12;
  const perSubnet = Math.max(1, Math.floor((size / networks - 40) / subnetsPerNetwork / 2));
  for (let v = 0; v < networks; v++) {
    const vpc = `vpc-${v}`;
    add({ id: vpc, type: 'network', name: `net-${v}`, attributes: { cidrBlocks: [`10.${v}.0.0/16`] }, relations: [] });
    add({ id: `igw-${v}`, type: 'internetGateway', name: `igw-${v}`, parent: vpc, attributes: {}, relations: [{ kind: 'attachedTo', to: vpc }] });
    add({ id: `sg-${v}-web`, type: 'securityGroup', name: `web-${v}`, parent: vpc, attributes: { rules: [{ direction: 'inbound', action: 'allow', protocol: 'tcp', ports: [{ from: 443, to: 443 }], peers: [{ kind: 'cidr', cidr: '0.0.0.0/0' }] }] }, relations: [] });
    add({ id: `sg-${v}-app`, type: 'securityGroup', name: `app-${v}`, parent: vpc, attributes: { rules: [{ direction: 'inbound', action: 'allow', protocol: 'tcp', ports: [{ from: 22, to: 22 }], peers: [{ kind: 'cidr', cidr: '0.0.0.0/0' }] }] }, relations: [] });
    const targets: string[] = [];
    for (let s = 0; s < subnetsPerNetwork; s++) {
      const zone = `${region}${'abc'[s % 3]}`;
      const subnet = `subnet-${v}-${s}`;
      add({ id: subnet, type: 'subnet', name: `net-${v}-subnet-${s}`, parent: vpc, zone, attributes: { cidrBlock: `10.${v}.${s}.0/24` }, relations: [] });
      if (s === 0) add({ id: `nat-${v}`, type: 'natGateway', name: `nat-${v}`, parent: subnet, zone, attributes: {}, relations: [] });
      add({ id: `rtb-${v}-${s}`, type: 'routeTable', name: `rtb-${v}-${s}`, parent: vpc, attributes: { routes: [{ destination: '0.0.0.0/0', targetKind: s < 3 ? 'internetGateway' : 'natGateway', targetId: s < 3 ? `igw-${v}` : `nat-${v}` }] }, relations: [{ kind: 'associatedWith', to: subnet }] });
      for (let i = 0; i < perSubnet; i++) {
        const id = `i-${v}-${s}-${i}`;
        add({ id, type: 'instance', name: `app-${v}-${s}-${i}`, parent: subnet, zone, attributes: { instanceType: 't3.small' }, relations: [{ kind: 'usesSecurityGroup', to: `sg-${v}-app` }] });
        add({ id: `eni-${v}-${s}-${i}`, type: 'networkInterface', name: `eni-${v}-${s}-${i}`, parent: subnet, zone, attributes: {}, relations: [{ kind: 'attachedTo', to: id }] });
        if (i % 4 === 0) targets.push(id);
      }
    }
    add({ id: `tg-${v}`, type: 'targetGroup', name: `tg-${v}`, parent: vpc, attributes: { port: 8080 }, relations: targets.map((to) => ({ kind: 'targets' as const, to })) });
    add({ id: `lb-${v}`, type: 'loadBalancer', name: `lb-${v}`, parent: vpc, attributes: { scheme: 'internet-facing' }, relations: [{ kind: 'targets', to: `tg-${v}` }, { kind: 'usesSecurityGroup', to: `sg-${v}-web` }] });
    add({ id: `db-${v}`, type: 'database', name: `db-${v}`, parent: vpc, attributes: { publiclyAccessible: false }, relations: [] });
  }
  return { format: 'cartograph.snapshot', version: 1, provider: 'aws', importedAt: '2025-01-01T00:00:00.000Z', identities: [{ provider: 'aws', account }], regions: [region], resources, gaps: [], stats: { calls: 0, succeededCalls: 0, durationMs: 0, redactedValues: 0 } };
}
