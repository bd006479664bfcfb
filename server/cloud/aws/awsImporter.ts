/**
 * Imports AWS accounts into a normalised snapshot: for each connection, its credentials once, then
 * every step in every region, all concurrently under one bound on the calls in flight. Throttling
 * is retried by the SDK (adaptive mode: backoff plus a client-side rate limit once throttled);
 * anything that still fails becomes a gap and the import goes on.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { RDSClient } from '@aws-sdk/client-rds';
import type { CloudSnapshot, ImportIdentity } from '../../protocol/snapshot';
import { ImportRun, type ImportHooks } from '../importRun';
import { classifyAwsError } from './awsErrors';
import { resolveAwsConnection, type AwsConnection, type AwsCredentialIdentity } from './awsConnection';
import { awsSteps, type AwsClients } from './awsSteps';

export interface AwsImportOptions {
  connections: AwsConnection[];
  /** API calls in flight at once across all accounts and regions (default 8). */
  concurrency?: number;
  /** The longest one call may take before it becomes a gap (default 60 s). */
  callTimeoutMs?: number;
  /** Attempts per call, throttling retries included (default 5). */
  maxAttempts?: number;
}

const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export async function importAws(options: AwsImportOptions, hooks: ImportHooks = {}): Promise<CloudSnapshot> {
  if (options.connections.length === 0) throw new Error('An AWS import needs at least one connection.');
  for (const connection of options.connections) {
    if (connection.regions.length === 0) throw new Error(`Connection ${connection.label ?? ''} names no region.`.replace('  ', ' '));
    const bad = connection.regions.find((r) => !regionPattern.test(r));
    if (bad) throw new Error(`'${bad}' is not an AWS region name (like eu-west-1).`);
  }
  const run = new ImportRun(
    { provider: 'aws', classify: classifyAwsError, concurrency: options.concurrency, callTimeoutMs: options.callTimeoutMs },
    hooks,
  );
  const stepsPerRegion = awsSteps.length;
  for (const connection of options.connections) run.plan(connection.regions.length * stepsPerRegion);
  const identities = await Promise.all(options.connections.map((connection) => importConnection(connection, run, options, stepsPerRegion)));
  return run.toSnapshot(
    identities.filter((i): i is ImportIdentity => i !== undefined),
    options.connections.flatMap((c) => c.regions),
  );
}

async function importConnection(
  connection: AwsConnection,
  run: ImportRun,
  options: AwsImportOptions,
  stepsPerRegion: number,
): Promise<ImportIdentity | undefined> {
  run.checkCancelled();
  const resolved = await resolveAwsConnection(connection, run);
  if (!resolved) {
    run.skip(connection.regions.length * stepsPerRegion);
    return undefined;
  }
  const identity: ImportIdentity = { provider: 'aws', account: resolved.account };
  if (resolved.principal) identity.principal = resolved.principal;
  if (connection.label) identity.connection = connection.label;
  await Promise.all(
    connection.regions.map(async (region) => {
      const clients = createClients(region, resolved.credentials, connection.endpoint, options.maxAttempts ?? 5);
      const scope = { account: resolved.account, region };
      try {
        await Promise.all(
          awsSteps.map((step) =>
            run.step(
              { account: scope.account, region, operation: step.operation, permission: `${step.service}:${step.operation}`, resourceTypes: step.resourceTypes },
              () => step.read({ scope, clients, run }),
            ),
          ),
        );
      } finally {
        clients.ec2.destroy();
        clients.elb.destroy();
        clients.rds.destroy();
      }
    }),
  );
  return identity;
}

function createClients(region: string, credentials: AwsCredentialIdentity, endpoint: string | undefined, maxAttempts: number): AwsClients {
  const config = { region, credentials, maxAttempts, retryMode: 'adaptive', ...(endpoint ? { endpoint } : {}) };
  return { ec2: new EC2Client(config), elb: new ElasticLoadBalancingV2Client(config), rds: new RDSClient(config) };
}
