/**
 * Cloud import inside the language server: the custom requests of `protocol/cloudMessages.ts`.
 * The client owns the connections and their secrets (SecretStorage) and passes them per request;
 * this module turns them into the importers' connections, runs the import with progress and
 * cancellation, writes the snapshot atomically into the extension's global storage, and records
 * every import in the audit log. Secrets live only in the request's memory: they are never written,
 * logged, or echoed in a message.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ResponseError, type CancellationToken, type Connection, type WorkDoneProgressParams, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { appendAuditEntry, currentActor, type AuditDetails } from '../audit/auditLog';
import type { AwsConnection, AwsCredentialSource } from '../cloud/aws/awsConnection';
import { classifyAwsError } from '../cloud/aws/awsErrors';
import type * as CloudRuntime from '../cloud/cloudRuntime';
import type { AwsImportOptions } from '../cloud/aws/awsImporter';
import type { AzureConnection, AzureCredentialSource } from '../cloud/azure/azureConnection';
import { classifyAzureError } from '../cloud/azure/azureErrors';
import type { AzureImportOptions } from '../cloud/azure/azureImporter';
import { ImportCancelledError, ImportRun, type ImportHooks } from '../cloud/importRun';
import { redactSecretsInText } from '../cloud/secretPatterns';
import { readSnapshot, snapshotFileName, snapshotIsUsable, writeSnapshotAtomically } from '../cloud/snapshotStore';
import {
  CloudConnectionChangedRequest,
  CloudImportRequest,
  CloudPoliciesRequest,
  CloudSnapshotsRequest,
  CloudTestConnectionRequest,
  type AwsConnectionSettings,
  type AzureConnectionSettings,
  type CloudConnectionSettings,
  type CloudSecrets,
  type ConnectionSnapshotInfo,
  type ImportDigest,
} from '../protocol/cloudMessages';
import type { CloudSnapshot } from '../protocol/snapshot';

/** What the language server gives the cloud service. */
export interface CloudServiceContext {
  auditLogPath(): string;
  machineId?: string;
  /** The extension's global storage folder (`initializationOptions.storagePath`), when known. */
  storageDir(): string | undefined;
  log(message: string): void;
  isTrusted(): boolean;
}

/** The importers, replaceable in tests. */
export interface CloudImporters {
  aws(options: AwsImportOptions, hooks: ImportHooks): Promise<CloudSnapshot>;
  azure(options: AzureImportOptions, hooks: ImportHooks): Promise<CloudSnapshot>;
}

/**
 * The SDK-bound half of cloud import, loaded on first use (see cloudRuntime.ts). `require` rather
 * than `import()`: the bundle evaluates a required module when it is first required, and the
 * tests' CommonJS loader resolves it, which it does not do for a dynamic import of a source file.
 */
const cloudRuntime = async (): Promise<typeof CloudRuntime> =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../cloud/cloudRuntime') as typeof CloudRuntime;

const realImporters: CloudImporters = {
  aws: async (options, hooks) => (await cloudRuntime()).importAws(options, hooks),
  azure: async (options, hooks) => (await cloudRuntime()).importAzure(options, hooks),
};

/** Progress as the service reports it; an LSP work-done reporter fits. */
export type ProgressReporter = Pick<WorkDoneProgressReporter, 'begin' | 'report' | 'done'>;

const connectionIdPattern = /^[A-Za-z0-9_-]{1,100}$/;

/** Registers the cloud requests on `connection`. */
export function registerCloudHandlers(connection: Connection, context: CloudServiceContext, importers: CloudImporters = realImporters): void {
  const service = new CloudService(context, importers);
  const asResponseError = (error: unknown): ResponseError<void> =>
    new ResponseError(-32803, redactSecretsInText(error instanceof Error ? error.message : String(error)));
  // A request registered by method name gets (params, token): the work-done reporter is attached
  // here from the params' `workDoneToken`, as the typed LSP requests get theirs.
  const guarded = <P, R>(run: (params: P, token: CancellationToken, progress: WorkDoneProgressReporter) => Promise<R>) =>
    async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await run(params, token, connection.window.attachWorkDoneProgress((params as WorkDoneProgressParams | undefined)?.workDoneToken));
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        throw asResponseError(error);
      }
    };
  connection.onRequest(
    CloudImportRequest.method,
    guarded((params: CloudImportRequest.Params, token, progress) => service.importConnection(params, signalOf(token), progress)),
  );
  connection.onRequest(CloudSnapshotsRequest.method, guarded((params: CloudSnapshotsRequest.Params) => service.snapshots(params)));
  connection.onRequest(CloudPoliciesRequest.method, guarded(async (params: CloudPoliciesRequest.Params) => service.policies(params)));
  connection.onRequest(
    CloudTestConnectionRequest.method,
    guarded((params: CloudTestConnectionRequest.Params, token) => service.testConnection(params, signalOf(token))),
  );
  connection.onRequest(CloudConnectionChangedRequest.method, guarded((params: CloudConnectionChangedRequest.Params) => service.connectionChanged(params)));
}

function signalOf(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

/** The cloud requests' logic, apart from the LSP wiring so that tests can call it directly. */
export class CloudService {
  constructor(
    private readonly context: CloudServiceContext,
    private readonly importers: CloudImporters = realImporters,
  ) {
    // The AWS SDK warns on every import under Node 20 that future versions will need Node 22: a
    // note about upgrades, not about this import, so it stays out of the user's output channel.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  }

  /** The folder of one connection's snapshots. */
  snapshotDir(connectionId: string): string {
    const storage = this.context.storageDir();
    if (!storage) throw new Error('The client gave the language server no storage folder (initializationOptions.storagePath), so snapshots have nowhere to go.');
    checkConnectionId(connectionId);
    return path.join(storage, 'snapshots', connectionId);
  }

  async importConnection(params: CloudImportRequest.Params, signal: AbortSignal, progress?: ProgressReporter): Promise<CloudImportRequest.Result> {
    const settings = params.connection;
    checkConnectionId(settings.id);
    const name = `${settings.provider === 'aws' ? 'AWS' : 'Azure'} connection '${settings.label}'`;
    if (!this.context.isTrusted()) {
      return { status: 'failed', message: `Cartograph does not import in an untrusted workspace. Trust the workspace, then import ${name} again.` };
    }
    const dir = this.snapshotDir(settings.id);
    const scope = params.scope && params.scope.length > 0 ? params.scope : settings.provider === 'aws' ? settings.regions : settings.subscriptions;
    const hooks: ImportHooks = {
      signal,
      onProgress: (p) => progress?.report(Math.min(100, Math.round((100 * p.done) / Math.max(1, p.total))), `${p.done}/${p.total} ${p.message}`),
    };
    progress?.begin(`Importing ${name}`, 0, scope.join(', '), true);
    this.context.log(`cloud import of ${name} (${settings.id}) started: ${scope.join(', ')}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`);
    let snapshot: CloudSnapshot;
    try {
      snapshot =
        settings.provider === 'aws'
          ? await this.importers.aws({ connections: [awsConnection(settings, params.secrets, scope)] }, hooks)
          : await this.importers.azure({ connections: [azureConnection(settings, params.secrets, scope)] }, hooks);
    } catch (error) {
      progress?.done();
      if (error instanceof ImportCancelledError || signal.aborted) {
        const message = `The import of ${name} was cancelled; the last snapshot is kept.`;
        await this.audit('import.failed', { ...connectionDetails(settings), scope, outcome: 'cancelled' });
        this.context.log(message);
        return { status: 'cancelled', message };
      }
      const message = `The import of ${name} failed: ${redactSecretsInText(error instanceof Error ? error.message : String(error))} The last snapshot is kept.`;
      await this.audit('import.failed', { ...connectionDetails(settings), scope, outcome: 'error', message });
      this.context.log(message);
      return { status: 'failed', message };
    }
    progress?.done();
    const { describeGap, fillingPolicy } = await cloudRuntime();
    const digest = await digestOf(snapshot);
    const policy = fillingPolicy(snapshot);
    const fill = policy ? { fillingPolicy: JSON.stringify(policy, null, 2) } : {};
    const auditDetails: AuditDetails = {
      ...connectionDetails(settings),
      identities: snapshot.identities.map((i) => ({ account: i.account, ...(i.principal ? { principal: i.principal } : {}) })),
      regions: snapshot.regions,
      resources: snapshot.resources.length,
      counts: Object.fromEntries(digest.counts.map((c) => [c.type, c.count])),
      gaps: snapshot.gaps.map((g) => ({ operation: g.operation, permission: g.permission, reason: g.reason, ...(g.account ? { account: g.account } : {}), ...(g.region ? { region: g.region } : {}) })),
    };
    if (!snapshotIsUsable(snapshot)) {
      const why = snapshot.gaps.slice(0, 3).map((g) => describeGap(g)).join('; ');
      const message = `The import of ${name} read nothing, so no snapshot was written and the last one is kept: ${why || 'no call succeeded'}.`;
      await this.audit('import.failed', { ...auditDetails, outcome: 'read nothing' });
      this.context.log(message);
      return { status: 'failed', message, digest, ...fill };
    }
    const file = path.join(dir, snapshotFileName(snapshot, settings.label));
    try {
      await writeSnapshotAtomically(file, snapshot);
      await removeOtherSnapshots(dir, file);
    } catch (error) {
      const message = `The import of ${name} could not write ${file}: ${error instanceof Error ? error.message : String(error)}`;
      await this.audit('import.failed', { ...auditDetails, outcome: 'write failed' });
      this.context.log(message);
      return { status: 'failed', message, digest, ...fill };
    }
    await this.audit('import.completed', { ...auditDetails, snapshot: file });
    const gapText = snapshot.gaps.length === 0 ? 'no gaps' : `${snapshot.gaps.length} gap${snapshot.gaps.length === 1 ? '' : 's'}`;
    const message = `Imported ${name}: ${snapshot.resources.length} resources in ${snapshot.regions.join(', ') || 'no region'}, ${gapText}.`;
    this.context.log(`${message} Snapshot: ${file}`);
    return { status: 'completed', message, snapshotFile: file, digest, ...fill };
  }

  async snapshots(params: CloudSnapshotsRequest.Params): Promise<CloudSnapshotsRequest.Result> {
    const storage = this.context.storageDir();
    const result: CloudSnapshotsRequest.Result = { snapshots: [], unreadable: [] };
    if (!storage) return result;
    const root = path.join(storage, 'snapshots');
    let ids: string[];
    try {
      ids = params.connectionIds ?? (await fs.readdir(root));
    } catch {
      return result;
    }
    for (const id of ids.filter((i) => connectionIdPattern.test(i)).sort()) {
      const dir = path.join(root, id);
      let files: string[];
      try {
        files = (await fs.readdir(dir)).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
      } catch {
        continue;
      }
      let newest: ConnectionSnapshotInfo | undefined;
      for (const name of files) {
        const file = path.join(dir, name);
        try {
          const snapshot = await readSnapshot(file);
          const info: ConnectionSnapshotInfo = { connectionId: id, provider: snapshot.provider, file, digest: await digestOf(snapshot) };
          if (!newest || info.digest.importedAt > newest.digest.importedAt) newest = info;
        } catch (error) {
          result.unreadable.push({ file, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      if (newest) result.snapshots.push(newest);
    }
    return result;
  }

  async policies(params: CloudPoliciesRequest.Params): Promise<CloudPoliciesRequest.Result> {
    const { minimalAwsPolicy, minimalAzureRole, newExternalId, trustPolicy } = await cloudRuntime();
    if (params.provider === 'azure') {
      const role = minimalAzureRole(params.subscriptions ?? [], params.gaps);
      return role ? { readOnlyPolicy: JSON.stringify(role, null, 2) } : {};
    }
    const externalId = params.externalId || newExternalId();
    const account = params.trustedAccountId && /^\d{12}$/.test(params.trustedAccountId) ? params.trustedAccountId : undefined;
    // Without the trusted account the trust policy is shown with a placeholder for the user to fill.
    const trust = JSON.stringify(trustPolicy(account ?? '000000000000', externalId), null, 2);
    const policy = minimalAwsPolicy(params.gaps);
    return {
      externalId,
      trustPolicy: account ? trust : trust.replace('arn:aws:iam::000000000000:root', 'arn:aws:iam::<ACCOUNT-ID-THAT-SIGNS-IN>:root'),
      ...(policy ? { readOnlyPolicy: JSON.stringify(policy, null, 2) } : {}),
    };
  }

  async testConnection(params: CloudTestConnectionRequest.Params, signal: AbortSignal): Promise<CloudTestConnectionRequest.Result> {
    const settings = params.connection;
    const name = `connection '${settings.label}'`;
    const { armScope, azureCredential, resolveAwsConnection } = await cloudRuntime();
    if (settings.provider === 'aws') {
      const run = new ImportRun({ provider: 'aws', classify: classifyAwsError, callTimeoutMs: 30_000 }, { signal });
      const resolved = await resolveAwsConnection(awsConnection(settings, params.secrets, settings.regions), run).catch((error: unknown) => {
        if (error instanceof ImportCancelledError) return undefined;
        throw error;
      });
      if (!resolved) {
        const gap = run.gaps[0];
        return { ok: false, message: gap ? `${gap.operation} failed for ${name}: ${gap.message}` : `The test of ${name} was cancelled.` };
      }
      return {
        ok: true,
        account: resolved.account,
        ...(resolved.principal ? { principal: resolved.principal } : {}),
        message: `Signed in to AWS account ${resolved.account}${resolved.principal ? ` as ${resolved.principal}` : ''}.`,
      };
    }
    const connection = azureConnection(settings, params.secrets, settings.subscriptions);
    const credential = azureCredential(connection.credentials);
    try {
      await credential.getToken(armScope, { abortSignal: signal });
    } catch (error) {
      return { ok: false, message: `No Azure token for ${name}: ${classifyAzureError(error).message}` };
    }
    const subscription = settings.subscriptions[0];
    if (!subscription) return { ok: true, message: `Signed in to Azure for ${name}; it names no subscription yet.` };
    try {
      const { NetworkManagementClient } = await import('@azure/arm-network');
      const client = new NetworkManagementClient(credential, subscription, connection.endpoint ? { endpoint: connection.endpoint } : {});
      await client.virtualNetworks.listAll().byPage().next();
      return { ok: true, account: subscription, message: `Signed in to Azure and listed the virtual networks of subscription ${subscription}.` };
    } catch (error) {
      const { reason, message } = classifyAzureError(error);
      const hint = reason === 'denied' ? ' Grant Microsoft.Network/virtualNetworks/read (or the Reader role).' : '';
      return { ok: false, account: subscription, message: `Signed in, but listing virtual networks in ${subscription} failed: ${message}.${hint}` };
    }
  }

  async connectionChanged(params: CloudConnectionChangedRequest.Params): Promise<null> {
    checkConnectionId(params.connection.id);
    await this.audit(`connection.${params.change}`, connectionDetails(params.connection));
    if (params.change === 'removed') {
      const storage = this.context.storageDir();
      if (storage) await fs.rm(path.join(storage, 'snapshots', params.connection.id), { recursive: true, force: true });
    }
    return null;
  }

  private async audit(action: 'import.completed' | 'import.failed' | 'connection.added' | 'connection.edited' | 'connection.removed', details: AuditDetails): Promise<void> {
    try {
      await appendAuditEntry(this.context.auditLogPath(), { action, actor: currentActor(this.context.machineId), details });
    } catch (error) {
      this.context.log(`could not append '${action}' to the audit log ${this.context.auditLogPath()}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function checkConnectionId(id: string): void {
  if (!connectionIdPattern.test(id)) throw new Error(`'${id}' is not a connection id (letters, digits, - and _ only).`);
}

/** What the audit log records of a connection: never a secret. */
function connectionDetails(settings: CloudConnectionSettings): AuditDetails {
  const details: AuditDetails = { connection: settings.id, label: settings.label, provider: settings.provider, auth: settings.auth };
  if (settings.endpoint) details.endpoint = settings.endpoint;
  if (settings.provider === 'aws') {
    if (settings.roleArn) details.roleArn = settings.roleArn;
    if (settings.profile) details.profile = settings.profile;
  } else {
    if (settings.tenantId) details.tenantId = settings.tenantId;
    if (settings.clientId) details.clientId = settings.clientId;
  }
  return details;
}

/** The importer's connection for stored settings and their secrets. */
export function awsConnection(settings: AwsConnectionSettings, secrets: CloudSecrets | undefined, regions: string[]): AwsConnection {
  const keys = (): Exclude<AwsCredentialSource, { kind: 'assumeRole' }> | undefined => {
    if (!secrets?.accessKeyId || !secrets.secretAccessKey) return undefined;
    return { kind: 'static', accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey, ...(secrets.sessionToken ? { sessionToken: secrets.sessionToken } : {}) };
  };
  let credentials: AwsCredentialSource;
  switch (settings.auth) {
    case 'staticKeys': {
      const k = keys();
      if (!k) throw new Error(`Connection '${settings.label}' signs in with access keys, but none are stored. Edit the connection and enter them again.`);
      credentials = k;
      break;
    }
    case 'profile':
      if (!settings.profile) throw new Error(`Connection '${settings.label}' signs in with a named profile, but names none. Edit the connection.`);
      credentials = { kind: 'profile', profile: settings.profile };
      break;
    case 'assumeRole': {
      if (!settings.roleArn) throw new Error(`Connection '${settings.label}' assumes a role, but names none. Edit the connection and enter the role ARN.`);
      const base = keys() ?? (settings.profile ? { kind: 'profile' as const, profile: settings.profile } : { kind: 'default' as const });
      credentials = { kind: 'assumeRole', roleArn: settings.roleArn, base, ...(settings.externalId ? { externalId: settings.externalId } : {}) };
      break;
    }
    case 'default':
      credentials = { kind: 'default' };
      break;
  }
  return { label: settings.label, credentials, regions, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) };
}

export function azureConnection(settings: AzureConnectionSettings, secrets: CloudSecrets | undefined, subscriptions: string[]): AzureConnection {
  let credentials: AzureCredentialSource;
  if (settings.auth === 'servicePrincipal') {
    if (!settings.tenantId || !settings.clientId) throw new Error(`Connection '${settings.label}' signs in as a service principal, but lacks its tenant or client id. Edit the connection.`);
    if (!secrets?.clientSecret) throw new Error(`Connection '${settings.label}' has no client secret stored. Edit the connection and enter it again.`);
    credentials = { kind: 'servicePrincipal', tenantId: settings.tenantId, clientId: settings.clientId, clientSecret: secrets.clientSecret };
  } else {
    credentials = settings.tenantId ? { kind: 'cli', tenantId: settings.tenantId } : { kind: 'cli' };
  }
  return { label: settings.label, credentials, subscriptions, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) };
}

export async function digestOf(snapshot: CloudSnapshot): Promise<ImportDigest> {
  const { resourceCounts } = await cloudRuntime();
  return {
    importedAt: snapshot.importedAt,
    identities: snapshot.identities,
    regions: snapshot.regions,
    resourceCount: snapshot.resources.length,
    counts: resourceCounts(snapshot).map(([type, count]) => ({ type, count })),
    gaps: snapshot.gaps,
  };
}

/** One snapshot per connection: once the new one is in place, older names (a renamed label) go. */
async function removeOtherSnapshots(dir: string, keep: string): Promise<void> {
  for (const name of await fs.readdir(dir)) {
    const file = path.join(dir, name);
    if (file !== keep && name.endsWith('.json') && !name.startsWith('.')) await fs.rm(file, { force: true });
  }
}
