/**
 * A small Azure Resource Manager stand-in for the Microsoft.Network list calls the importer makes
 * (no Azure network emulator exists). It answers in ARM's shapes: `{ value, nextLink }` pages,
 * `AuthorizationFailed` 403s naming the action, 429 with `Retry-After-Ms`, and a 401 without a
 * bearer token. Served over https with a test CA, because the Azure SDK sends tokens only over https.
 *
 *   tsx fakeArm.ts --port P --cert server.pem --key server.key [--page 2]
 *
 * Subscriptions: `…0001` is the full estate; `…0403` denies every call; `…0402` denies only the
 * network security groups. `GET /__stats` returns request counts per list; `POST /__throttle?n=N`
 * answers the next N calls with 429.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';

export const fullSubscription = '00000000-0000-0000-0000-000000000001';
export const deniedSubscription = '00000000-0000-0000-0000-000000000403';
export const partialSubscription = '00000000-0000-0000-0000-000000000402';

/** Secrets planted in the estate: in a tag, a rule description and a NIC's tags. */
export const plantedAzureSecrets = ['AccountKey=PLANTEDazureKEY0123456789abcdef==', 'ghp_PLANTEDazureTOKEN0123456789abcdefghij', 'Pl4nted-Azure-Passw0rd'];

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const N = 'Microsoft.Network';
const rg = 'rg-northwind';
const location = 'westeurope';

function world(sub: string): Record<string, Json[]> {
  const id = (type: string, name: string): string => `/subscriptions/${sub}/resourceGroups/${rg}/providers/${N}/${type}/${name}`;
  const nsgId = (name: string): string => id('networkSecurityGroups', name);
  const rule = (nsg: string, name: string, props: Record<string, Json>, kind = 'securityRules'): Json => ({
    id: `${nsgId(nsg)}/${kind}/${name}`,
    name,
    type: `${N}/networkSecurityGroups/${kind}`,
    properties: { provisioningState: 'Succeeded', sourcePortRange: '*', ...props },
  });
  const defaults = (nsg: string): Json[] => [
    rule(nsg, 'AllowVnetInBound', { protocol: '*', destinationPortRange: '*', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: 'VirtualNetwork', access: 'Allow', priority: 65000, direction: 'Inbound' }, 'defaultSecurityRules'),
    rule(nsg, 'DenyAllInBound', { protocol: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', access: 'Deny', priority: 65500, direction: 'Inbound' }, 'defaultSecurityRules'),
  ];
  const subnet = (vnet: string, name: string, prefix: string, nsg?: string, routeTable?: string): Json => ({
    id: `${id('virtualNetworks', vnet)}/subnets/${name}`,
    name,
    properties: {
      addressPrefix: prefix,
      provisioningState: 'Succeeded',
      ...(nsg ? { networkSecurityGroup: { id: nsgId(nsg) } } : {}),
      ...(routeTable ? { routeTable: { id: id('routeTables', routeTable) } } : {}),
    },
  });
  const peering = (from: string, to: string, toPrefix: string): Json => ({
    id: `${id('virtualNetworks', from)}/virtualNetworkPeerings/${from}-to-${to}`,
    name: `${from}-to-${to}`,
    properties: {
      peeringState: 'Connected',
      remoteVirtualNetwork: { id: id('virtualNetworks', to) },
      remoteAddressSpace: { addressPrefixes: [toPrefix] },
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: from === 'spoke-vnet',
      allowGatewayTransit: from === 'hub-vnet',
      useRemoteGateways: false,
    },
  });
  const vnets: Json[] = [
    {
      id: id('virtualNetworks', 'hub-vnet'),
      name: 'hub-vnet',
      location,
      tags: { env: 'production', 'bootstrap-key': plantedAzureSecrets[0] ?? '' },
      properties: {
        addressSpace: { addressPrefixes: ['10.10.0.0/16'] },
        subnets: [subnet('hub-vnet', 'GatewaySubnet', '10.10.0.0/27'), subnet('hub-vnet', 'shared', '10.10.3.0/24', 'app-nsg', 'spoke-rt')],
        virtualNetworkPeerings: [peering('hub-vnet', 'spoke-vnet', '10.20.0.0/16')],
      },
    },
    {
      id: id('virtualNetworks', 'spoke-vnet'),
      name: 'spoke-vnet',
      location,
      tags: { env: 'production' },
      properties: {
        addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
        subnets: [
          subnet('spoke-vnet', 'web', '10.20.1.0/24', 'web-nsg', 'spoke-rt'),
          subnet('spoke-vnet', 'app', '10.20.2.0/24', 'app-nsg', 'spoke-rt'),
          subnet('spoke-vnet', 'db', '10.20.3.0/24', 'db-nsg'),
        ],
        virtualNetworkPeerings: [peering('spoke-vnet', 'hub-vnet', '10.10.0.0/16')],
      },
    },
  ];
  const nsgs: Json[] = [
    {
      id: nsgId('web-nsg'),
      name: 'web-nsg',
      location,
      properties: {
        securityRules: [
          rule('web-nsg', 'Allow-HTTPS-Internet', { protocol: 'Tcp', destinationPortRange: '443', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', access: 'Allow', priority: 100, direction: 'Inbound' }),
          rule('web-nsg', 'Allow-RDP-Any', { protocol: 'Tcp', destinationPortRange: '3389', sourceAddressPrefix: '*', destinationAddressPrefix: '*', access: 'Allow', priority: 110, direction: 'Inbound', description: `vendor access ${plantedAzureSecrets[1]}` }),
        ],
        defaultSecurityRules: defaults('web-nsg'),
      },
    },
    {
      id: nsgId('app-nsg'),
      name: 'app-nsg',
      location,
      properties: {
        securityRules: [
          rule('app-nsg', 'Allow-8080-from-web', { protocol: 'Tcp', destinationPortRanges: ['8080', '8443-8444'], sourceAddressPrefix: '10.20.1.0/24', destinationAddressPrefix: '10.20.2.0/24', access: 'Allow', priority: 100, direction: 'Inbound' }),
          rule('app-nsg', 'Allow-from-web-asg', { protocol: 'Tcp', destinationPortRange: '8080', sourceApplicationSecurityGroups: [{ id: id('applicationSecurityGroups', 'web-asg') }], destinationAddressPrefix: '*', access: 'Allow', priority: 110, direction: 'Inbound' }),
        ],
        defaultSecurityRules: defaults('app-nsg'),
      },
    },
    {
      id: nsgId('db-nsg'),
      name: 'db-nsg',
      location,
      properties: {
        securityRules: [
          rule('db-nsg', 'Allow-Postgres-from-app', { protocol: 'Tcp', destinationPortRange: '5432', sourceAddressPrefixes: ['10.20.2.0/24', '10.10.3.0/24'], destinationAddressPrefix: '*', access: 'Allow', priority: 100, direction: 'Inbound' }),
          rule('db-nsg', 'Deny-Internet-Out', { protocol: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: 'Internet', access: 'Deny', priority: 4000, direction: 'Outbound' }),
        ],
        defaultSecurityRules: defaults('db-nsg'),
      },
    },
  ];
  const nics: Json[] = [];
  for (const [tier, prefix] of [['web', '10.20.1'], ['app', '10.20.2'], ['db', '10.20.3']] as const) {
    for (let i = 0; i < 2; i++) {
      const name = `${tier}-vm${i}-nic`;
      nics.push({
        id: id('networkInterfaces', name),
        name,
        location,
        tags: tier === 'db' && i === 0 ? { 'admin-password': plantedAzureSecrets[2] ?? '' } : { tier },
        properties: {
          primary: true,
          enableIPForwarding: false,
          virtualMachine: { id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${tier}-vm${i}` },
          ...(tier === 'web' && i === 0 ? { networkSecurityGroup: { id: nsgId('web-nsg') } } : {}),
          ipConfigurations: [
            {
              id: `${id('networkInterfaces', name)}/ipConfigurations/ipconfig1`,
              name: 'ipconfig1',
              properties: {
                primary: true,
                privateIPAddress: `${prefix}.${4 + i}`,
                subnet: { id: `${id('virtualNetworks', 'spoke-vnet')}/subnets/${tier}` },
                ...(tier === 'web' ? { publicIPAddress: { id: id('publicIPAddresses', `${name}-pip`) } } : {}),
              },
            },
          ],
        },
      });
    }
  }
  const publicIps: Json[] = [0, 1].map((i) => ({
    id: id('publicIPAddresses', `web-vm${i}-nic-pip`),
    name: `web-vm${i}-nic-pip`,
    location,
    sku: { name: 'Standard' },
    zones: ['1'],
    properties: {
      ipAddress: `20.50.0.${10 + i}`,
      publicIPAllocationMethod: 'Static',
      publicIPAddressVersion: 'IPv4',
      ipConfiguration: { id: `${id('networkInterfaces', `web-vm${i}-nic`)}/ipConfigurations/ipconfig1` },
    },
  }));
  const lbId = id('loadBalancers', 'web-lb');
  const loadBalancers: Json[] = [
    {
      id: lbId,
      name: 'web-lb',
      location,
      sku: { name: 'Standard' },
      properties: {
        frontendIPConfigurations: [{ id: `${lbId}/frontendIPConfigurations/public`, name: 'public', properties: { publicIPAddress: { id: id('publicIPAddresses', 'web-lb-pip') } } }],
        backendAddressPools: [
          {
            id: `${lbId}/backendAddressPools/web`,
            name: 'web',
            properties: { backendIPConfigurations: [0, 1].map((i) => ({ id: `${id('networkInterfaces', `web-vm${i}-nic`)}/ipConfigurations/ipconfig1` })) },
          },
        ],
        loadBalancingRules: [
          {
            id: `${lbId}/loadBalancingRules/https`,
            name: 'https',
            properties: {
              protocol: 'Tcp',
              frontendPort: 443,
              backendPort: 8443,
              frontendIPConfiguration: { id: `${lbId}/frontendIPConfigurations/public` },
              backendAddressPool: { id: `${lbId}/backendAddressPools/web` },
            },
          },
        ],
        probes: [{ id: `${lbId}/probes/health`, name: 'health', properties: { protocol: 'Http', port: 8443, requestPath: '/healthz' } }],
      },
    },
  ];
  const routeTables: Json[] = [
    {
      id: id('routeTables', 'spoke-rt'),
      name: 'spoke-rt',
      location,
      properties: {
        routes: [{ id: `${id('routeTables', 'spoke-rt')}/routes/to-firewall`, name: 'to-firewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.10.1.4' } }],
        subnets: ['web', 'app'].map((s) => ({ id: `${id('virtualNetworks', 'spoke-vnet')}/subnets/${s}` })).concat([{ id: `${id('virtualNetworks', 'hub-vnet')}/subnets/shared` }]),
      },
    },
  ];
  return { virtualNetworks: vnets, networkSecurityGroups: nsgs, networkInterfaces: nics, publicIPAddresses: publicIps, loadBalancers, routeTables, natGateways: [] };
}

/** Starts the server; resolves with its port once it listens on 127.0.0.1. */
export function startFakeArm(options: { port: number; cert: string; key: string; pageSize: number }): Promise<https.Server> {
  const stats: { requests: number; byList: Record<string, number>; throttled: number } = { requests: 0, byList: {}, throttled: 0 };
  let throttleNext = 0;
  const send = (res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': randomUUID(), ...headers });
    res.end(text);
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? '127.0.0.1'}`);
    if (url.pathname === '/__stats') return send(res, 200, stats as unknown as Json);
    if (url.pathname === '/__reset') {
      stats.requests = 0;
      stats.byList = {};
      stats.throttled = 0;
      return send(res, 200, { ok: true });
    }
    if (url.pathname === '/__throttle') {
      throttleNext = Number(url.searchParams.get('n') ?? 1);
      return send(res, 200, { ok: true });
    }
    stats.requests++;
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      return send(res, 401, { error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." } });
    }
    if (!url.searchParams.get('api-version')) return send(res, 400, { error: { code: 'MissingApiVersionParameter', message: 'The api-version query parameter is required.' } });
    if (throttleNext > 0) {
      throttleNext--;
      stats.throttled++;
      return send(res, 429, { error: { code: 'TooManyRequests', message: 'Too many requests; retry later.' } }, { 'retry-after-ms': '20' });
    }
    const match = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Network\/([A-Za-z]+)$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) return send(res, 404, { error: { code: 'ResourceNotFound', message: `No route for ${req.method} ${url.pathname}` } });
    const [, sub = '', list = ''] = match;
    stats.byList[list] = (stats.byList[list] ?? 0) + 1;
    if (sub === deniedSubscription || (sub === partialSubscription && list === 'networkSecurityGroups')) {
      return send(res, 403, {
        error: {
          code: 'AuthorizationFailed',
          message: `The client '11111111-1111-1111-1111-111111111111' with object id '11111111-1111-1111-1111-111111111111' does not have authorization to perform action '${N}/${list}/read' over scope '/subscriptions/${sub}' or the scope is invalid.`,
        },
      });
    }
    const items = world(sub)[list];
    if (!items) return send(res, 404, { error: { code: 'InvalidResourceType', message: `The resource type '${list}' could not be found in the namespace '${N}'.` } });
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const body: { value: Json[]; nextLink?: string } = { value: items.slice(skip, skip + options.pageSize) };
    if (skip + options.pageSize < items.length) {
      const next = new URL(url);
      next.searchParams.set('$skiptoken', String(skip + options.pageSize));
      body.nextLink = next.toString();
    }
    send(res, 200, body as unknown as Json);
  };
  const server = https.createServer({ cert: readFileSync(options.cert), key: readFileSync(options.key) }, handler);
  return new Promise((resolve) => server.listen(options.port, '127.0.0.1', () => resolve(server)));
}

if (require.main === module) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, page: { type: 'string', default: '2' } } });
  if (!values.port || !values.cert || !values.key) throw new Error('usage: fakeArm.ts --port P --cert server.pem --key server.key [--page N]');
  void startFakeArm({ port: Number(values.port), cert: values.cert, key: values.key, pageSize: Number(values.page) }).then(() =>
    process.stdout.write(`fake ARM listening on https://127.0.0.1:${values.port}\n`),
  );
}
