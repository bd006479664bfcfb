/**
 * The AWS importer and `cartograph import aws` against moto on 127.0.0.1 (started by run.sh): the
 * Northwind estate of examples/terraform with its drift, secrets planted everywhere an importer
 * could pick one up, and a second moto with IAM enforcement for the partial import.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importCommand } from '../../../server/cli/import';
import { importAws } from '../../../server/cloud/aws/awsImporter';
import { readSnapshot } from '../../../server/cloud/snapshotStore';
import type { CloudResource, CloudSnapshot } from '../../../server/protocol/snapshot';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through test/integration/cloud/run.sh`);
  return value;
};

interface Seeded {
  mainVpc: string;
  analyticsVpc: string;
  subnets: Record<string, string>;
  analyticsSubnets: Record<string, string>;
  igw: string;
  nat: string;
  pcx: string;
  vpce: string;
  routeTables: Record<'mainPublic' | 'mainPrivate' | 'analyticsPublic' | 'analyticsPrivate', string>;
  groups: Record<'alb' | 'app' | 'etl' | 'db' | 'bastion' | 'reporting', string>;
  instances: Record<'app1' | 'app2' | 'bastion' | 'etl', string>;
  loadBalancer: string;
  targetGroup: string;
  databases: { main: string; reporting: string };
  planted?: { vpc: string; instance: string; group: string; eni: string };
  secrets: string[];
}

function seed(endpoint: string, ...flags: string[]): Seeded {
  const out = execFileSync('/usr/bin/python3', [path.join(__dirname, 'seedNorthwind.py'), endpoint, ...flags], {
    env: { ...process.env, PYTHONPATH: env('CARTOGRAPH_MOTO_PYTHONPATH') },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Seeded;
}

async function cli(args: string[], credentials: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, credentials);
  let stdout = '';
  let stderr = '';
  try {
    const code = await importCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { code, stdout, stderr };
  } finally {
    for (const key of Object.keys(credentials)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

const byId = (snapshot: CloudSnapshot, id: string): CloudResource => {
  const found = snapshot.resources.find((r) => r.id === id);
  assert.ok(found, `${id} is in the snapshot`);
  return found;
};
const related = (r: CloudResource, kind: string): string[] => r.relations.filter((x) => x.kind === kind).map((x) => x.to).sort();

describe('AWS import against moto', function () {
  const endpoint = env('CARTOGRAPH_MOTO_ENDPOINT');
  const out = path.join(env('CARTOGRAPH_WORK'), 'aws-out');
  const root = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'eu-west-1' };
  let seeded: Seeded;
  let run: { code: number; stdout: string; stderr: string };
  let snapshot: CloudSnapshot;
  let file: string;

  before(async () => {
    seeded = seed(endpoint, '--plant-secrets');
    run = await cli(['aws', '--regions', 'eu-west-1,eu-central-1,us-east-1', '--endpoint', endpoint, '--out', out], root);
    file = path.join(out, 'aws-123456789012.json');
    snapshot = await readSnapshot(file);
  });

  it('writes the snapshot and prints its path and a summary', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^Snapshot: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    assert.match(run.stdout, /^Account 123456789012 as arn:aws:/m);
    assert.match(run.stdout, /^Regions: eu-central-1, eu-west-1, us-east-1$/m);
    assert.match(run.stdout, /^Gaps: none$/m);
    assert.match(run.stderr, /\[48\/48\]/, 'progress for every step of every region, on stderr');
    assert.deepEqual(snapshot.gaps, []);
  });

  it('imports the whole estate with its drift', () => {
    const count = (type: string, region?: string): number => snapshot.resources.filter((r) => r.type === type && (!region || r.region === region)).length;
    assert.equal(count('network', 'eu-west-1'), 1);
    assert.equal(count('network', 'eu-central-1'), 1);
    assert.equal(count('subnet', 'eu-west-1'), 4);
    assert.equal(count('instance', 'eu-west-1'), 4);
    assert.equal(count('securityGroup', 'eu-west-1'), 6, 'five groups and the VPC default group');
    assert.equal(count('listener'), 3);
    assert.equal(count('database'), 2);
    assert.equal(count('peering'), 1, 'a cross-region peering is listed by both regions and kept once');
    // Drift: app-1 resized in the console; RDP opened to the world on the app group.
    assert.equal(byId(snapshot, seeded.instances.app1).attributes.instanceType, 't3.xlarge');
    assert.equal(byId(snapshot, seeded.instances.app2).attributes.instanceType, 't3.large');
    const appRules = byId(snapshot, seeded.groups.app).attributes.rules as { direction: string; ports: { from: number }[] | null; peers: { kind: string; cidr?: string }[] }[];
    assert.ok(appRules.some((r) => r.direction === 'inbound' && r.ports?.[0]?.from === 3389 && r.peers.some((p) => p.cidr === '0.0.0.0/0')));
  });

  it('keeps the relations a diagram draws', () => {
    const s = seeded;
    assert.equal(byId(snapshot, s.subnets['private-0'] ?? '').parent, s.mainVpc);
    const app1 = byId(snapshot, s.instances.app1);
    assert.equal(app1.parent, s.subnets['private-0']);
    assert.equal(app1.zone, 'eu-west-1a');
    assert.deepEqual(related(app1, 'usesSecurityGroup'), [s.groups.app]);
    assert.deepEqual(related(byId(snapshot, s.groups.app), 'allowsFrom'), [s.groups.alb, s.groups.bastion].sort());
    assert.deepEqual(related(byId(snapshot, s.groups.db), 'allowsFrom'), [s.groups.app, s.groups.etl].sort());
    const privateRoutes = byId(snapshot, s.routeTables.mainPrivate);
    // The S3 gateway endpoint adds its own route (the S3 prefix list) to the table it serves.
    assert.deepEqual(related(privateRoutes, 'routesTo'), [s.nat, s.pcx, s.vpce].sort());
    assert.deepEqual(related(privateRoutes, 'associatedWith'), [s.subnets['private-0'], s.subnets['private-1']].sort());
    assert.deepEqual(related(byId(snapshot, s.routeTables.mainPublic), 'routesTo'), [s.igw]);
    assert.deepEqual(related(byId(snapshot, s.pcx), 'peers'), [s.mainVpc, s.analyticsVpc].sort());
    assert.equal(byId(snapshot, s.pcx).region, 'eu-west-1', 'kept from the requester side');
    const lb = byId(snapshot, s.loadBalancer);
    assert.deepEqual(related(lb, 'inSubnet'), [s.subnets['public-0'], s.subnets['public-1']].sort());
    const listeners = snapshot.resources.filter((r) => r.type === 'listener' && r.parent === s.loadBalancer);
    assert.deepEqual(listeners.map((l) => [l.attributes.port, l.attributes.sslPolicy ?? null]).sort(), [
      [443, 'ELBSecurityPolicy-TLS13-1-3-2021-06'],
      [80, null],
      [8443, 'ELBSecurityPolicy-2016-08'],
    ].sort());
    assert.deepEqual(related(byId(snapshot, s.targetGroup), 'targets'), [s.instances.app1, s.instances.app2].sort());
    const reporting = byId(snapshot, s.databases.reporting);
    assert.equal(reporting.attributes.publiclyAccessible, true);
    assert.equal(reporting.attributes.storageEncrypted, false);
    assert.deepEqual(related(reporting, 'inSubnet'), [s.analyticsSubnets['public-0'], s.analyticsSubnets['public-1']].sort());
    assert.equal(byId(snapshot, s.databases.main).parent, s.mainVpc);
    // Every relation inside the account points at a resource of the snapshot.
    const ids = new Set(snapshot.resources.map((r) => r.id));
    const dangling = snapshot.resources.flatMap((r) => r.relations.filter((x) => !ids.has(x.to)).map((x) => `${r.id} ${x.kind} ${x.to}`));
    assert.deepEqual(dangling, []);
  });

  it('stores no planted secret, and prints none', () => {
    const everything = [fs.readFileSync(file, 'utf8'), run.stdout, run.stderr].join('\n');
    for (const secret of seeded.secrets) assert.ok(!everything.includes(secret), `planted secret ${secret.slice(0, 12)}… leaked`);
    assert.ok(!/userData|UserData|MasterUserPassword/.test(fs.readFileSync(file, 'utf8')));
    const worker = byId(snapshot, seeded.planted?.instance ?? '');
    assert.deepEqual(worker.tags, { Name: 'planted-worker', DB_PASSWORD: '[redacted]', bootstrap: '[redacted]' });
    assert.ok(snapshot.stats.redactedValues >= 6);
  });

  it('keeps the last good snapshot when an import reads nothing', async () => {
    const before = fs.readFileSync(file, 'utf8');
    const failed = await cli(['aws', '--regions', 'eu-west-1', '--endpoint', 'http://127.0.0.1:9', '--out', out, '--timeout', '5'], root);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /read nothing, so no snapshot was written/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  it('matches the recorded demo snapshot in examples/snapshot (UPDATE_EXAMPLE=1 records it again)', async () => {
    const demo = await importAws({
      connections: [{ credentials: { kind: 'static', accessKeyId: 'testing', secretAccessKey: 'testing' }, regions: ['eu-west-1', 'eu-central-1'], endpoint, label: 'northwind-production' }],
    });
    // The import's own time and duration differ on every run; the estate does not.
    demo.importedAt = '2025-06-02T07:30:00.000Z';
    demo.stats.durationMs = 1840;
    // moto names a listener after a memory address; AWS uses 16 hex digits. Give each listener a
    // stable id of that shape, derived from its load balancer and port.
    const text = JSON.stringify(demo).replace(/(:listener\/app\/[^/"]+\/[0-9a-f]+\/)(\d+?)(1\d{11,})"/g, (_m, head: string, port: string) =>
      `${head}${createHash('sha256').update(`${head}${port}`).digest('hex').slice(0, 16)}"`,
    );
    const canonical = JSON.parse(text) as CloudSnapshot;
    canonical.resources.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const recorded = path.resolve(__dirname, '../../../examples/snapshot/aws-northwind-production.json');
    if (process.env.UPDATE_EXAMPLE === '1') fs.writeFileSync(recorded, `${JSON.stringify(canonical, null, 2)}\n`);
    assert.deepEqual(JSON.parse(fs.readFileSync(recorded, 'utf8')), canonical);
  });
});

describe('AWS partial import under IAM enforcement (moto)', function () {
  const endpoint = env('CARTOGRAPH_MOTO_AUTH_ENDPOINT');
  const out = path.join(env('CARTOGRAPH_WORK'), 'aws-auth-out');
  let keys: { networkReader: { accessKeyId: string; secretAccessKey: string }; assumer: { accessKeyId: string; secretAccessKey: string }; roleArn: string };
  let seeded: Seeded;

  before(() => {
    seeded = seed(endpoint);
    keys = JSON.parse(
      execFileSync('/usr/bin/python3', [path.join(__dirname, 'authSetup.py'), endpoint], { env: { ...process.env, PYTHONPATH: env('CARTOGRAPH_MOTO_PYTHONPATH') }, encoding: 'utf8' }),
    ) as typeof keys;
  });

  it('turns denied calls into gaps naming the permission, imports the rest, and prints the policy that fills them', async () => {
    const run = await cli(['aws', '--regions', 'eu-west-1', '--endpoint', endpoint, '--out', out], {
      AWS_ACCESS_KEY_ID: keys.networkReader.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.networkReader.secretAccessKey,
    });
    assert.equal(run.code, 0, run.stderr);
    const snapshot = await readSnapshot(path.join(out, 'aws-123456789012.json'));
    assert.deepEqual(
      snapshot.gaps.map((g) => [g.permission, g.reason]),
      [
        ['rds:DescribeDBInstances', 'denied'],
        ['ec2:DescribeInstances', 'denied'],
        ['elasticloadbalancing:DescribeLoadBalancers', 'denied'],
        ['elasticloadbalancing:DescribeTargetGroups', 'denied'],
      ],
    );
    assert.equal(snapshot.resources.filter((r) => r.type === 'instance').length, 0);
    assert.ok(snapshot.resources.some((r) => r.id === seeded.mainVpc));
    assert.equal(byId(snapshot, seeded.subnets['private-0'] ?? '').parent, seeded.mainVpc);
    assert.ok(snapshot.resources.some((r) => r.id === seeded.groups.app));
    assert.match(run.stdout, /^Gaps: 4$/m);
    assert.match(run.stdout, /DescribeInstances: denied; grant ec2:DescribeInstances/);
    const policy = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { Statement: { Action: string[] }[] };
    assert.deepEqual(policy.Statement[0]?.Action, [
      'ec2:DescribeInstances',
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeTargetHealth',
      'rds:DescribeDBInstances',
    ]);
    assert.ok(!run.stdout.includes(keys.networkReader.secretAccessKey) && !run.stderr.includes(keys.networkReader.secretAccessKey));
  });

  it('assumes a read-only role with an ExternalId and reads everything through it', async () => {
    const run = await cli(
      ['aws', '--regions', 'eu-west-1', '--endpoint', endpoint, '--out', out, '--role-arn', keys.roleArn, '--external-id', 'cartograph-integration', '--label', 'audit'],
      { AWS_ACCESS_KEY_ID: keys.assumer.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.assumer.secretAccessKey },
    );
    assert.equal(run.code, 0, run.stderr);
    const snapshot = await readSnapshot(path.join(out, 'aws-audit.json'));
    assert.deepEqual(snapshot.gaps, []);
    assert.match(snapshot.identities[0]?.principal ?? '', /assumed-role\/CartographReadOnly\/cartograph-import/);
    assert.equal(snapshot.resources.filter((r) => r.type === 'instance').length, 4);
  });

  it('reports the sign-in failure once when the keys themselves are refused', async () => {
    const run = await cli(['aws', '--regions', 'eu-west-1', '--endpoint', endpoint, '--out', out], {
      AWS_ACCESS_KEY_ID: 'AKIANOTAKEY000000000',
      AWS_SECRET_ACCESS_KEY: 'not-a-secret',
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /GetCallerIdentity/);
    assert.ok(!run.stderr.includes('AKIANOTAKEY000000000'), 'the access key id is not echoed');
  });
});
