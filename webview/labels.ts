const kindNames: Record<string, string> = {
  account: 'account',
  region: 'region',
  zone: 'availability zone',
  network: 'network',
  subnet: 'subnet',
  instance: 'instance',
  networkInterface: 'interface',
  natGateway: 'NAT gateway',
  internetGateway: 'internet gateway',
  egressOnlyInternetGateway: 'egress-only gateway',
  loadBalancer: 'load balancer',
  database: 'database',
  endpoint: 'endpoint',
  transitGatewayAttachment: 'transit attachment',
  transitGateway: 'transit gateway',
  peering: 'peering',
  securityGroup: 'security group',
  internet: 'the internet',
  cidr: 'address range',
  prefixList: 'prefix list',
  serviceTag: 'service tag',
  externalGroup: 'security group (outside)',
};

/** What a kind of element is called in the details panel. */
export function kindName(kind: string): string {
  return kindNames[kind] ?? kind;
}

const driftNames: Record<string, string> = { codeOnly: 'only in code', liveOnly: 'only live', changed: 'changed' };

/** A drift mark in words. */
export function driftName(drift: string): string {
  return driftNames[drift] ?? drift;
}
