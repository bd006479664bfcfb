/**
 * Imports Azure subscriptions into a normalised snapshot: one sign-in per connection (checked once,
 * before any read), then every step in every subscription, concurrently under one bound on the calls
 * in flight. The SDK retries throttling (HTTP 429, honouring Retry-After); what still fails becomes
 * a gap and the import goes on.
 */
import { NetworkManagementClient } from '@azure/arm-network';
import type { CloudSnapshot, ImportIdentity } from '../../protocol/snapshot';
import { ImportRun, type ImportHooks } from '../importRun';
import { armScope, azureCredential, type AzureConnection } from './azureConnection';
import { classifyAzureError } from './azureErrors';
import { azureSteps } from './azureSteps';

export interface AzureImportOptions {
  connections: AzureConnection[];
  /** API calls in flight at once across all subscriptions (default 8). */
  concurrency?: number;
  /** The longest one call (one page) may take before it becomes a gap (default 60 s). */
  callTimeoutMs?: number;
  /** Retries per call after throttling or a transient failure (default 4). */
  maxRetries?: number;
}

const subscriptionPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function importAzure(options: AzureImportOptions, hooks: ImportHooks = {}): Promise<CloudSnapshot> {
  if (options.connections.length === 0) throw new Error('An Azure import needs at least one connection.');
  for (const connection of options.connections) {
    if (connection.subscriptions.length === 0) throw new Error('An Azure connection needs at least one subscription id.');
    const bad = connection.subscriptions.find((s) => !subscriptionPattern.test(s));
    if (bad) throw new Error(`'${bad}' is not an Azure subscription id (a GUID like 00000000-0000-0000-0000-000000000000).`);
  }
  const run = new ImportRun(
    { provider: 'azure', classify: classifyAzureError, concurrency: options.concurrency, callTimeoutMs: options.callTimeoutMs },
    hooks,
  );
  for (const connection of options.connections) run.plan(connection.subscriptions.length * azureSteps.length);
  const identities = (await Promise.all(options.connections.map((c) => importConnection(c, run, options)))).flat();
  const snapshot = run.toSnapshot(identities, []);
  snapshot.regions = [...new Set(snapshot.resources.map((r) => r.region).filter(Boolean))].sort();
  return snapshot;
}

async function importConnection(connection: AzureConnection, run: ImportRun, options: AzureImportOptions): Promise<ImportIdentity[]> {
  run.checkCancelled();
  const credential = azureCredential(connection.credentials);
  try {
    // One token up front: a refused sign-in is one gap that says so, not a failure on every list.
    await run.call('getToken', (abortSignal) => credential.getToken(armScope, { abortSignal }), 'auth');
  } catch (error) {
    run.checkCancelled();
    const { reason, message } = run.classify(error);
    run.addGap({
      operation: 'getToken',
      permission: 'credentials',
      resourceTypes: [],
      reason: reason === 'denied' ? 'failed' : reason,
      message: `No Azure token for ${connection.label ? `connection '${connection.label}'` : 'the connection'}: ${message}`,
    });
    run.skip(connection.subscriptions.length * azureSteps.length);
    return [];
  }
  const tlsOptions = connection.trustedCaPem ? { tlsOptions: { ca: connection.trustedCaPem } } : {};
  return Promise.all(
    connection.subscriptions.map(async (subscription) => {
      const client = new NetworkManagementClient(credential, subscription, {
        ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
        ...tlsOptions,
        retryOptions: { maxRetries: options.maxRetries ?? 4 },
      });
      await Promise.all(
        azureSteps.map((step) =>
          run.step(
            { account: subscription, operation: step.operation, permission: step.permission, resourceTypes: step.resourceTypes },
            () => step.read({ client, run }),
          ),
        ),
      );
      const identity: ImportIdentity = { provider: 'azure', account: subscription };
      if (connection.label) identity.connection = connection.label;
      return identity;
    }),
  );
}
