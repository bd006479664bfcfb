/**
 * Import benchmark: the AWS importer against moto holding 2,000 instances in 50 subnets, next to a
 * floor measured in the same run: the same Describe calls, made bare (no mapping, no sanitising,
 * no concurrency), back to back, with the same page sizes.
 *
 *   node --require tsx/cjs bench/import.bench.ts [--instances 2000] [--subnets 50]
 *
 * Prints the wall time and call count of each, their ratio (goal: at most 1.1), and exits with 1
 * when the importer makes more calls than the floor (paging needs no more).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  DescribeAddressesCommand,
  DescribeEgressOnlyInternetGatewaysCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { importAws } from '../server/cloud/aws/awsImporter';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({ options: { instances: { type: 'string', default: '2000' }, subnets: { type: 'string', default: '50' } } });
const region = 'eu-west-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const repo = path.resolve(__dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not answer`);
}

/** The floor: every Describe call the importer makes, bare and one after another. */
async function floor(endpoint: string): Promise<{ ms: number; calls: number; instances: number }> {
  const config = { region, credentials, endpoint, maxAttempts: 1 };
  const ec2 = new EC2Client(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  const rds = new RDSClient(config);
  let calls = 0;
  let instances = 0;
  const start = performance.now();
  const pages = async (send: (token?: string) => Promise<string | undefined>): Promise<void> => {
    let token: string | undefined;
    do {
      calls++;
      token = await send(token);
    } while (token);
  };
  await pages(async (NextToken) => {
    const out = await ec2.send(new DescribeInstancesCommand({ MaxResults: 1000, NextToken }));
    instances += (out.Reservations ?? []).reduce((n, r) => n + (r.Instances?.length ?? 0), 0);
    return out.NextToken;
  });
  await pages(async (NextToken) => (await ec2.send(new DescribeNetworkInterfacesCommand({ MaxResults: 1000, NextToken }))).NextToken);
  await pages(async (NextToken) => (await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 1000, NextToken }))).NextToken);
  await pages(async (NextToken) => (await ec2.send(new DescribeSubnetsCommand({ MaxResults: 1000, NextToken }))).NextToken);
  await pages(async (NextToken) => (await ec2.send(new DescribeVpcsCommand({ MaxResults: 1000, NextToken }))).NextToken);
  await pages(async (NextToken) => (await ec2.send(new DescribeRouteTablesCommand({ MaxResults: 100, NextToken }))).NextToken);
  await pages(async (NextToken) => (await ec2.send(new DescribeInternetGatewaysCommand({ MaxResults: 1000, NextToken }))).NextToken);
  await pages(async (NextToken) => (await ec2.send(new DescribeEgressOnlyInternetGatewaysCommand({ MaxResults: 255, NextToken }))).NextToken);
  await pages(async (NextToken) => (await ec2.send(new DescribeNatGatewaysCommand({ MaxResults: 1000, NextToken }))).NextToken);
  await pages(async () => (await ec2.send(new DescribeAddressesCommand({})), undefined));
  await pages(async (NextToken) => (await ec2.send(new DescribeVpcPeeringConnectionsCommand({ MaxResults: 1000, NextToken }))).NextToken);
  await pages(async (NextToken) => (await ec2.send(new DescribeVpcEndpointsCommand({ MaxResults: 1000, NextToken }))).NextToken);
  await pages(async (NextToken) => (await ec2.send(new DescribeTransitGatewayAttachmentsCommand({ MaxResults: 1000, NextToken }))).NextToken);
  await pages(async (Marker) => (await elb.send(new DescribeLoadBalancersCommand({ PageSize: 400, Marker }))).NextMarker);
  await pages(async (Marker) => (await elb.send(new DescribeTargetGroupsCommand({ PageSize: 400, Marker }))).NextMarker);
  await pages(async (Marker) => (await rds.send(new DescribeDBInstancesCommand({ MaxRecords: 100, Marker }))).Marker);
  const ms = performance.now() - start;
  for (const c of [ec2, elb, rds]) c.destroy();
  return { ms, calls, instances };
}

async function importer(endpoint: string): Promise<{ ms: number; calls: number; instances: number }> {
  const start = performance.now();
  const snapshot = await importAws({ connections: [{ credentials: { kind: 'static', ...credentials }, regions: [region], endpoint }] });
  const ms = performance.now() - start;
  if (snapshot.gaps.length) throw new Error(`the import had gaps: ${JSON.stringify(snapshot.gaps)}`);
  // Sign-in (GetCallerIdentity) is not a Describe call; the floor does not make it.
  return { ms, calls: snapshot.stats.calls - 1, instances: snapshot.resources.filter((r) => r.type === 'instance').length };
}

async function main(): Promise<number> {
  const pythonPath = spawnSync('bash', [path.join(repo, 'test/integration/cloud/installMoto.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).stdout.trim();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const moto: ChildProcess = spawn('/usr/bin/python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, PYTHONPATH: pythonPath },
    stdio: 'ignore',
  });
  try {
    await waitFor(`${endpoint}/moto-api/`);
    const seedStart = performance.now();
    const seeded = spawnSync('/usr/bin/python3', [path.join(repo, 'test/integration/cloud/seedNorthwind.py'), endpoint, '--scale', values.subnets, values.instances], {
      env: { ...process.env, PYTHONPATH: pythonPath },
      encoding: 'utf8',
    });
    if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
    console.log(`estate: ${seeded.stdout.trim()} (seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
    // Warm both paths once on a small call, then measure import, floor, import, floor; keep the best of each.
    await floor(endpoint).catch(() => undefined);
    const runs = { importer: [] as Awaited<ReturnType<typeof importer>>[], floor: [] as Awaited<ReturnType<typeof floor>>[] };
    for (let i = 0; i < 2; i++) {
      runs.importer.push(await importer(endpoint));
      runs.floor.push(await floor(endpoint));
    }
    const best = <T extends { ms: number }>(list: T[]): T => list.reduce((a, b) => (b.ms < a.ms ? b : a));
    const imp = best(runs.importer);
    const flo = best(runs.floor);
    console.log(`import: ${(imp.ms / 1000).toFixed(2)} s, ${imp.calls} calls, ${imp.instances} instances`);
    console.log(`floor (same Describe calls, bare, back to back): ${(flo.ms / 1000).toFixed(2)} s, ${flo.calls} calls, ${flo.instances} instances`);
    console.log(`ratio import / floor: ${(imp.ms / flo.ms).toFixed(2)} (goal <= 1.10); calls ${imp.calls} vs ${flo.calls}`);
    if (imp.instances !== flo.instances) throw new Error('the import and the floor saw different estates');
    return imp.calls > flo.calls ? 1 : 0;
  } finally {
    moto.kill();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
