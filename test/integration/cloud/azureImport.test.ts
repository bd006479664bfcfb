/**
 * The Azure importer and `cartograph import azure` against fakeArm.ts over https with a test CA
 * (started by run.sh): nextLink paging, 403 AuthorizationFailed gaps, 429 retried, planted secrets,
 * and the Azure CLI sign-in path with a stand-in `az` on PATH.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importCommand } from '../../../server/cli/import';
import { importAzure } from '../../../server/cloud/azure/azureImporter';
import { minimalAzureRole } from '../../../server/cloud/azure/azurePolicy';
import { readSnapshot } from '../../../server/cloud/snapshotStore';
import type { CloudResource, CloudSnapshot } from '../../../server/protocol/snapshot';
import { deniedSubscription, fullSubscription, partialSubscription, plantedAzureSecrets } from './fakeArm';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through test/integration/cloud/run.sh`);
  return value;
};

const endpoint = env('CARTOGRAPH_ARM_ENDPOINT');
const trustedCaPem = fs.readFileSync(env('CARTOGRAPH_ARM_CA'), 'utf8');
const credential = { getToken: async () => ({ token: 'integration-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const rid = (type: string, name: string): string => `/subscriptions/${fullSubscription}/resourceGroups/rg-northwind/providers/Microsoft.Network/${type}/${name}`;

async function stats(): Promise<{ requests: number; byList: Record<string, number>; throttled: number }> {
  // The test CA is trusted through the connection's option, not the process: use the importer's
  // own path for the import and plain https with the CA for the counters.
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    https
      .get(`${endpoint}/__stats`, { ca: trustedCaPem }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(JSON.parse(body) as { requests: number; byList: Record<string, number>; throttled: number }));
      })
      .on('error', reject);
  });
}

async function control(pathname: string): Promise<void> {
  const https = await import('node:https');
  await new Promise<void>((resolve, reject) => {
    const req = https.request(`${endpoint}${pathname}`, { method: 'POST', ca: trustedCaPem }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
}

const byId = (snapshot: CloudSnapshot, id: string): CloudResource => {
  const found = snapshot.resources.find((r) => r.id === id);
  assert.ok(found, `${id} is in the snapshot`);
  return found;
};
const related = (r: CloudResource, kind: string): string[] => r.relations.filter((x) => x.kind === kind).map((x) => x.to).sort();

describe('Azure import against the fake ARM server', () => {
  let snapshot: CloudSnapshot;
  let counters: Awaited<ReturnType<typeof stats>>;

  before(async () => {
    await control('/__reset');
    snapshot = await importAzure({ connections: [{ credentials: { kind: 'credential', credential }, subscriptions: [fullSubscription], endpoint, trustedCaPem }] });
    counters = await stats();
  });

  it('reads every list to its last nextLink page, one call per page', () => {
    const count = (type: string): number => snapshot.resources.filter((r) => r.type === type).length;
    assert.deepEqual(
      ['network', 'subnet', 'peering', 'securityGroup', 'networkInterface', 'publicIp', 'loadBalancer', 'routeTable'].map((t) => [t, count(t)]),
      [['network', 2], ['subnet', 5], ['peering', 2], ['securityGroup', 3], ['networkInterface', 6], ['publicIp', 2], ['loadBalancer', 1], ['routeTable', 1]],
    );
    // Six interfaces in pages of two: three calls. Every other list fits in one or two pages.
    assert.equal(counters.byList.networkInterfaces, 3);
    assert.equal(counters.byList.networkSecurityGroups, 2);
    assert.equal(snapshot.stats.calls, counters.requests + 1, 'the token request is counted too');
    assert.deepEqual(snapshot.gaps, []);
    assert.deepEqual(snapshot.regions, ['westeurope']);
  });

  it('keeps the relations and normalises the rules', () => {
    const web = byId(snapshot, `${rid('virtualNetworks', 'spoke-vnet')}/subnets/web`);
    assert.equal(web.parent, rid('virtualNetworks', 'spoke-vnet'));
    assert.deepEqual(related(web, 'usesSecurityGroup'), [rid('networkSecurityGroups', 'web-nsg')]);
    const nic = byId(snapshot, rid('networkInterfaces', 'web-vm0-nic'));
    assert.equal(nic.parent, `${rid('virtualNetworks', 'spoke-vnet')}/subnets/web`);
    assert.deepEqual(related(byId(snapshot, rid('loadBalancers', 'web-lb')), 'targets'), [rid('networkInterfaces', 'web-vm0-nic'), rid('networkInterfaces', 'web-vm1-nic')]);
    assert.deepEqual(related(byId(snapshot, rid('publicIPAddresses', 'web-vm1-nic-pip')), 'attachedTo'), [rid('networkInterfaces', 'web-vm1-nic')]);
    assert.equal(related(byId(snapshot, rid('routeTables', 'spoke-rt')), 'associatedWith').length, 3);
    const peering = byId(snapshot, `${rid('virtualNetworks', 'hub-vnet')}/virtualNetworkPeerings/hub-vnet-to-spoke-vnet`);
    assert.deepEqual(related(peering, 'peers'), [rid('virtualNetworks', 'hub-vnet'), rid('virtualNetworks', 'spoke-vnet')]);
    const rules = byId(snapshot, rid('networkSecurityGroups', 'app-nsg')).attributes.rules as unknown[];
    assert.deepEqual(rules[0], {
      id: `${rid('networkSecurityGroups', 'app-nsg')}/securityRules/Allow-8080-from-web`,
      name: 'Allow-8080-from-web',
      direction: 'inbound',
      action: 'allow',
      priority: 100,
      protocol: 'tcp',
      ports: [
        { from: 8080, to: 8080 },
        { from: 8443, to: 8444 },
      ],
      peers: [{ kind: 'cidr', cidr: '10.20.1.0/24' }],
      local: [{ kind: 'cidr', cidr: '10.20.2.0/24' }],
    });
    assert.deepEqual(related(byId(snapshot, rid('networkSecurityGroups', 'app-nsg')), 'allowsFrom'), [rid('applicationSecurityGroups', 'web-asg')]);
  });

  it('stores no planted secret', () => {
    const text = JSON.stringify(snapshot);
    for (const secret of plantedAzureSecrets) assert.ok(!text.includes(secret), `${secret.slice(0, 12)}… leaked`);
    assert.equal(byId(snapshot, rid('virtualNetworks', 'hub-vnet')).tags['bootstrap-key'], '[redacted]');
    assert.equal(byId(snapshot, rid('networkInterfaces', 'db-vm0-nic')).tags['admin-password'], '[redacted]');
  });

  it('turns AuthorizationFailed into gaps naming the role action, per subscription', async () => {
    const partial = await importAzure({
      connections: [{ credentials: { kind: 'credential', credential }, subscriptions: [partialSubscription, deniedSubscription], endpoint, trustedCaPem }],
    });
    const gaps = partial.gaps.map((g) => `${g.account} ${g.permission} ${g.reason}`);
    assert.ok(gaps.includes(`${partialSubscription} Microsoft.Network/networkSecurityGroups/read denied`));
    assert.equal(gaps.filter((g) => g.startsWith(partialSubscription)).length, 1);
    assert.equal(gaps.filter((g) => g.startsWith(deniedSubscription)).length, 7);
    assert.ok(partial.resources.some((r) => r.account === partialSubscription && r.type === 'network'));
    assert.ok(!partial.resources.some((r) => r.account === deniedSubscription));
    assert.match(partial.gaps[0]?.message ?? '', /^AuthorizationFailed: /);
    const role = minimalAzureRole([partialSubscription], partial.gaps.filter((g) => g.account === partialSubscription));
    assert.deepEqual(role?.Actions, ['Microsoft.Network/networkSecurityGroups/read']);
  });

  it('retries 429 with the server’s Retry-After and loses nothing', async () => {
    await control('/__reset');
    await control('/__throttle?n=3');
    const throttled = await importAzure({ connections: [{ credentials: { kind: 'credential', credential }, subscriptions: [fullSubscription], endpoint, trustedCaPem }] });
    assert.equal((await stats()).throttled, 3);
    assert.deepEqual(throttled.gaps, []);
    assert.equal(throttled.resources.length, snapshot.resources.length);
  });

  it('imports from the CLI with the Azure CLI login (az on PATH) and prints the summary', async () => {
    const work = env('CARTOGRAPH_WORK');
    const bin = path.join(work, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    // A stand-in for `az account get-access-token`: the JSON the real Azure CLI prints.
    fs.writeFileSync(
      path.join(bin, 'az'),
      `#!/bin/sh\necho '{"accessToken":"cli-token","expiresOn":"2099-01-01 00:00:00.000000","expires_on":4070908800,"subscription":"${fullSubscription}","tenant":"t","tokenType":"Bearer"}'\n`,
      { mode: 0o755 },
    );
    const saved = { path: process.env.PATH };
    process.env.PATH = `${bin}:${process.env.PATH ?? ''}`;
    let stdout = '';
    let stderr = '';
    try {
      // The CLI trusts the test CA the standard way: run.sh sets NODE_EXTRA_CA_CERTS for this process.
      const out = path.join(work, 'azure-out');
      const code = await importCommand(['azure', '--subscription', fullSubscription, '--auth', 'cli', '--endpoint', endpoint, '--out', out], {
        stdout: (s) => (stdout += s),
        stderr: (s) => (stderr += s),
      });
      assert.equal(code, 0, stderr);
      const written = await readSnapshot(path.join(out, `azure-${fullSubscription}.json`));
      assert.equal(written.resources.length, snapshot.resources.length);
      assert.match(stdout, new RegExp(`^Subscription ${fullSubscription}$`, 'm'));
      assert.match(stdout, /^Gaps: none$/m);
      for (const secret of [...plantedAzureSecrets, 'cli-token']) assert.ok(!stdout.includes(secret) && !stderr.includes(secret));
    } finally {
      process.env.PATH = saved.path;
    }
  });
});
