import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  CloudConnectionChangedRequest,
  CloudPoliciesRequest,
  CloudTestConnectionRequest,
  type AwsAuthKind,
  type AzureAuthKind,
  type CloudConnectionSettings,
  type CloudSecrets,
} from '../../server/protocol/cloudMessages';
import type { ImportGap } from '../../server/protocol/snapshot';
import { notify, runningClient, showJson, type CloudContext } from './cloudContext';
import { pickRegions } from './regions';

/** The inputs of `cartograph.addConnection` and `cartograph.editConnection`; any not given is asked for. */
export interface ConnectionOptions {
  /** `editConnection`: the connection to change. */
  id?: string;
  provider?: 'aws' | 'azure';
  label?: string;
  auth?: AwsAuthKind | AzureAuthKind;
  regions?: string[];
  subscriptions?: string[];
  roleArn?: string;
  externalId?: string;
  profile?: string;
  tenantId?: string;
  clientId?: string;
  /** An endpoint instead of the cloud's own; `''` removes it. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  clientSecret?: string;
}

/** What a connection command returns: the stored (non-secret) settings, or why nothing changed. */
export type ConnectionCommandResult = { connection: CloudConnectionSettings; secretsStored: boolean } | { cancelled: true } | { error: string };

/** A connection named by a tree node, an options object (`id` or `connectionId`) or its id. */
export function connectionFromArgument(context: CloudContext, arg: unknown): CloudConnectionSettings | undefined {
  if (typeof arg === 'string') return context.store.get(arg);
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as { connection?: CloudConnectionSettings; connectionId?: unknown; id?: unknown };
  if (a.connection && typeof a.connection.id === 'string') return context.store.get(a.connection.id);
  if (typeof a.connectionId === 'string') return context.store.get(a.connectionId);
  if (typeof a.id === 'string') return context.store.get(a.id);
  return undefined;
}

/** Asks for one connection, optionally of one provider. */
export async function pickConnection(context: CloudContext, provider?: 'aws' | 'azure', placeHolder = 'Choose a cloud connection'): Promise<CloudConnectionSettings | undefined> {
  const connections = context.store.all().filter((c) => !provider || c.provider === provider);
  if (connections.length === 1) return connections[0];
  const items = connections.map((c) => ({ label: c.label, description: c.provider === 'aws' ? `AWS · ${c.regions.join(', ')}` : `Azure · ${c.subscriptions.length} subscription(s)`, connection: c }));
  return (await vscode.window.showQuickPick(items, { placeHolder, title: 'Cartograph: Cloud Connections' }))?.connection;
}

const ask = (prompt: string, options: Partial<vscode.InputBoxOptions> = {}): Thenable<string | undefined> => vscode.window.showInputBox({ prompt, ignoreFocusOut: true, ...options });
const notEmpty = (what: string) => (value: string): string | undefined => (value.trim() === '' ? `Enter ${what}.` : undefined);
const roleArnProblem = (value: string): string | undefined => (/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(value.trim()) ? undefined : 'A role ARN looks like arn:aws:iam::123456789012:role/CartographReadOnly');
const guidProblem = (value: string): string | undefined =>
  value.split(',').map((s) => s.trim()).filter(Boolean).every((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)) ? undefined : 'Subscription ids are GUIDs, separated by commas.';
const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

function newConnectionId(provider: 'aws' | 'azure'): string {
  return `${provider}-${randomBytes(6).toString('hex')}`;
}

/** `cartograph.addConnection`: every input from `options`, or asked for. */
export async function addConnection(context: CloudContext, options: ConnectionOptions = {}): Promise<ConnectionCommandResult> {
  const provider =
    options.provider ??
    (await vscode.window.showQuickPick(
      [
        { label: '$(cloud) AWS', description: 'assume a role, access keys, a profile or the default chain', value: 'aws' as const },
        { label: '$(azure) Azure', description: 'a service principal or the Azure CLI login', value: 'azure' as const },
      ],
      { title: 'Cartograph: Add Cloud Connection', placeHolder: 'Which cloud?' },
    ))?.value;
  if (!provider) return { cancelled: true };
  const gathered = provider === 'aws' ? await gatherAws(context, options) : await gatherAzure(options);
  if (!gathered) return { cancelled: true };
  const { connection, secrets } = gathered;
  await context.store.save(connection, secrets);
  await announce(context, 'added', connection);
  const hasSecrets = Object.values(secrets).some(Boolean);
  context.output.info(`Added ${connection.provider} connection '${connection.label}' (${connection.id}, ${connection.auth})`);
  notify('info', `Cartograph: added connection '${connection.label}'.`, [
    { title: 'Test Connection', run: () => vscode.commands.executeCommand('cartograph.testConnection', { connectionId: connection.id }) },
    { title: 'Import Now', run: () => vscode.commands.executeCommand(connection.provider === 'aws' ? 'cartograph.importAws' : 'cartograph.importAzure', { connectionId: connection.id }) },
  ]);
  return { connection, secretsStored: hasSecrets };
}

async function gatherAws(context: CloudContext, o: ConnectionOptions): Promise<{ connection: CloudConnectionSettings; secrets: CloudSecrets } | undefined> {
  const auth = (o.auth as AwsAuthKind | undefined) ??
    (await vscode.window.showQuickPick(
      [
        { label: '$(shield) Assume a role with an ExternalId', description: 'recommended: read-only, per account, revocable', value: 'assumeRole' as const },
        { label: '$(key) Access keys', description: 'an access key id and secret, kept in the OS keychain', value: 'staticKeys' as const },
        { label: '$(person) Named profile', description: 'from ~/.aws/config (SSO works too)', value: 'profile' as const },
        { label: '$(gear) Default credential chain', description: 'environment, SSO, shared files, instance roles', value: 'default' as const },
      ],
      { title: 'Cartograph: Add AWS Connection', placeHolder: 'How should Cartograph sign in?' },
    ))?.value;
  if (!auth) return undefined;
  const secrets: CloudSecrets = {};
  let roleArn = o.roleArn;
  let externalId = o.externalId;
  let profile = o.profile;
  if (auth === 'assumeRole') {
    if (!externalId) {
      const c = runningClient(context);
      if (!c) return undefined;
      const policies = await c.sendRequest<CloudPoliciesRequest.Result>(CloudPoliciesRequest.method, { provider: 'aws' } satisfies CloudPoliciesRequest.Params);
      externalId = policies.externalId;
      if (!roleArn && policies.trustPolicy) {
        await showJson('Create a role for Cartograph in each account to import: this trust policy, and the read-only policy as its permissions.', [
          { heading: `Trust policy (ExternalId ${externalId ?? ''})`, json: policies.trustPolicy },
          ...(policies.readOnlyPolicy ? [{ heading: 'Minimal read-only permissions policy', json: policies.readOnlyPolicy }] : []),
        ]);
      }
    }
    roleArn ??= (await ask('The ARN of the role Cartograph assumes (created with the trust policy shown beside)', { placeHolder: 'arn:aws:iam::123456789012:role/CartographReadOnly', validateInput: roleArnProblem }))?.trim();
    if (!roleArn) return undefined;
    if (o.accessKeyId === undefined && o.profile === undefined && o.auth === undefined) {
      const base = await vscode.window.showQuickPick(
        [
          { label: 'Default credential chain', description: 'environment, SSO, shared files, instance roles', value: 'default' },
          { label: 'Named profile', value: 'profile' },
          { label: 'Access keys', value: 'keys' },
        ],
        { title: 'Which credentials assume the role?' },
      );
      if (!base) return undefined;
      if (base.value === 'profile') {
        profile = (await ask('The profile that assumes the role', { validateInput: notEmpty('a profile name') }))?.trim();
        if (!profile) return undefined;
      } else if (base.value === 'keys' && !(await askKeys(o, secrets))) return undefined;
    } else if (o.accessKeyId) {
      Object.assign(secrets, keysOf(o));
    }
  } else if (auth === 'staticKeys') {
    if (!(await askKeys(o, secrets))) return undefined;
  } else if (auth === 'profile') {
    profile ??= (await ask('The AWS profile name (from ~/.aws/config)', { placeHolder: 'default', validateInput: notEmpty('a profile name') }))?.trim();
    if (!profile) return undefined;
  }
  const regions = o.regions ?? (await pickRegions(['eu-west-1']));
  if (!regions || regions.length === 0) return undefined;
  const label = o.label ?? (await ask('A name for this connection', { value: roleArn ? (roleArn.split('/').pop() ?? 'aws') : profile ?? 'aws', validateInput: notEmpty('a name') }))?.trim();
  if (!label) return undefined;
  const connection: CloudConnectionSettings = {
    id: newConnectionId('aws'),
    provider: 'aws',
    label,
    auth,
    regions,
    ...(roleArn && auth === 'assumeRole' ? { roleArn } : {}),
    ...(externalId && auth === 'assumeRole' ? { externalId } : {}),
    ...(profile && (auth === 'profile' || auth === 'assumeRole') ? { profile } : {}),
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
  };
  return { connection, secrets };
}

function keysOf(o: ConnectionOptions): CloudSecrets {
  return { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey, ...(o.sessionToken ? { sessionToken: o.sessionToken } : {}) };
}

async function askKeys(o: ConnectionOptions, secrets: CloudSecrets): Promise<boolean> {
  const accessKeyId = o.accessKeyId ?? (await ask('AWS access key id', { placeHolder: 'AKIA…', validateInput: notEmpty('the access key id') }))?.trim();
  if (!accessKeyId) return false;
  const secretAccessKey = o.secretAccessKey ?? (await ask('AWS secret access key (kept in the OS keychain, never in settings or files)', { password: true, validateInput: notEmpty('the secret access key') }));
  if (!secretAccessKey) return false;
  Object.assign(secrets, { accessKeyId, secretAccessKey, ...(o.sessionToken ? { sessionToken: o.sessionToken } : {}) });
  return true;
}

async function gatherAzure(o: ConnectionOptions): Promise<{ connection: CloudConnectionSettings; secrets: CloudSecrets } | undefined> {
  const auth = (o.auth as AzureAuthKind | undefined) ??
    (await vscode.window.showQuickPick(
      [
        { label: '$(key) Service principal', description: 'tenant, client id and client secret (kept in the OS keychain)', value: 'servicePrincipal' as const },
        { label: '$(terminal) Azure CLI login', description: 'whoever `az login` signed in', value: 'cli' as const },
      ],
      { title: 'Cartograph: Add Azure Connection', placeHolder: 'How should Cartograph sign in?' },
    ))?.value;
  if (!auth) return undefined;
  const secrets: CloudSecrets = {};
  let tenantId = o.tenantId;
  let clientId = o.clientId;
  if (auth === 'servicePrincipal') {
    tenantId ??= (await ask('Directory (tenant) id', { validateInput: notEmpty('the tenant id') }))?.trim();
    if (!tenantId) return undefined;
    clientId ??= (await ask('Application (client) id', { validateInput: notEmpty('the client id') }))?.trim();
    if (!clientId) return undefined;
    const clientSecret = o.clientSecret ?? (await ask('Client secret (kept in the OS keychain, never in settings or files)', { password: true, validateInput: notEmpty('the client secret') }));
    if (!clientSecret) return undefined;
    secrets.clientSecret = clientSecret;
  }
  const subscriptions = o.subscriptions ?? list((await ask('Subscription ids to import, separated by commas', { validateInput: (v) => notEmpty('a subscription id')(v) ?? guidProblem(v) })) ?? '');
  if (subscriptions.length === 0) return undefined;
  const label = o.label ?? (await ask('A name for this connection', { value: 'azure', validateInput: notEmpty('a name') }))?.trim();
  if (!label) return undefined;
  const connection: CloudConnectionSettings = {
    id: newConnectionId('azure'),
    provider: 'azure',
    label,
    auth,
    subscriptions,
    ...(tenantId ? { tenantId } : {}),
    ...(clientId && auth === 'servicePrincipal' ? { clientId } : {}),
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
  };
  return { connection, secrets };
}

/** `cartograph.editConnection`: changes what `options` names, or asks which setting to change. */
export async function editConnection(context: CloudContext, arg?: unknown): Promise<ConnectionCommandResult> {
  const current = connectionFromArgument(context, arg) ?? (arg === undefined ? await pickConnection(context, undefined, 'Choose the connection to edit') : undefined);
  if (!current) return arg === undefined ? { cancelled: true } : { error: 'No such connection.' };
  const o: ConnectionOptions = isOptions(arg) ? arg : {};
  let changes: ConnectionOptions = { ...o };
  delete changes.id;
  if (Object.keys(changes).length === 0) {
    const chosen = await askEdit(current);
    if (!chosen) return { cancelled: true };
    changes = chosen;
  }
  const next = { ...current } as CloudConnectionSettings & Record<string, unknown>;
  for (const key of ['label', 'roleArn', 'externalId', 'profile', 'tenantId', 'clientId'] as const) if (changes[key] !== undefined) next[key] = changes[key];
  if (changes.endpoint !== undefined) {
    if (changes.endpoint === '') delete next.endpoint;
    else next.endpoint = changes.endpoint;
  }
  if (next.provider === 'aws' && changes.regions) next.regions = changes.regions;
  if (next.provider === 'azure' && changes.subscriptions) next.subscriptions = changes.subscriptions;
  const secretsGiven = changes.accessKeyId !== undefined || changes.secretAccessKey !== undefined || changes.clientSecret !== undefined;
  const secrets = secretsGiven ? { ...(await context.store.secrets(current.id)), ...stripUndefined({ accessKeyId: changes.accessKeyId, secretAccessKey: changes.secretAccessKey, sessionToken: changes.sessionToken, clientSecret: changes.clientSecret }) } : undefined;
  await context.store.save(next, secrets);
  await announce(context, 'edited', next);
  context.output.info(`Edited connection '${next.label}' (${next.id})`);
  return { connection: next, secretsStored: (await context.store.secrets(next.id)) !== undefined };
}

function stripUndefined(secrets: CloudSecrets): CloudSecrets {
  return Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== undefined)) as CloudSecrets;
}

function isOptions(arg: unknown): arg is ConnectionOptions {
  return typeof arg === 'object' && arg !== null && !('kind' in arg);
}

async function askEdit(c: CloudConnectionSettings): Promise<ConnectionOptions | undefined> {
  const items: { label: string; field: string }[] = [
    { label: 'Name', field: 'label' },
    c.provider === 'aws' ? { label: 'Regions', field: 'regions' } : { label: 'Subscriptions', field: 'subscriptions' },
    { label: 'Endpoint override (LocalStack, moto, a sovereign cloud)', field: 'endpoint' },
  ];
  if (c.provider === 'aws' && c.auth === 'assumeRole') items.push({ label: 'Role ARN', field: 'roleArn' });
  if (c.provider === 'aws' && (c.auth === 'staticKeys' || c.auth === 'assumeRole')) items.push({ label: 'Access keys', field: 'keys' });
  if (c.provider === 'aws' && (c.auth === 'profile' || c.auth === 'assumeRole')) items.push({ label: 'Profile', field: 'profile' });
  if (c.provider === 'azure' && c.auth === 'servicePrincipal') items.push({ label: 'Client secret', field: 'clientSecret' });
  const pick = await vscode.window.showQuickPick(items, { title: `Edit '${c.label}'`, placeHolder: 'What should change?' });
  if (!pick) return undefined;
  switch (pick.field) {
    case 'regions': {
      const regions = c.provider === 'aws' ? await pickRegions(c.regions) : undefined;
      return regions ? { regions } : undefined;
    }
    case 'subscriptions': {
      const value = await ask('Subscription ids, separated by commas', { value: c.provider === 'azure' ? c.subscriptions.join(', ') : '', validateInput: guidProblem });
      return value === undefined ? undefined : { subscriptions: list(value) };
    }
    case 'keys': {
      const secrets: CloudSecrets = {};
      return (await askKeys({}, secrets)) ? { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey } : undefined;
    }
    case 'clientSecret': {
      const clientSecret = await ask('Client secret', { password: true, validateInput: notEmpty('the client secret') });
      return clientSecret ? { clientSecret } : undefined;
    }
    case 'endpoint': {
      const endpoint = await ask('Endpoint override (empty: the cloud\'s own)', { value: c.endpoint ?? '', placeHolder: 'http://127.0.0.1:5000' });
      return endpoint === undefined ? undefined : { endpoint: endpoint.trim() };
    }
    default: {
      const value = await ask(pick.label, { value: String((c as unknown as Record<string, unknown>)[pick.field] ?? ''), validateInput: pick.field === 'roleArn' ? roleArnProblem : undefined });
      return value === undefined ? undefined : { [pick.field]: value.trim() };
    }
  }
}

/** `cartograph.removeConnection`: forgets the connection, its secrets and its snapshot. */
export async function removeConnection(context: CloudContext, arg?: unknown, confirm = arg === undefined || isTreeNode(arg)): Promise<{ removed: string } | { cancelled: true } | { error: string }> {
  const connection = connectionFromArgument(context, arg) ?? (arg === undefined ? await pickConnection(context, undefined, 'Choose the connection to remove') : undefined);
  if (!connection) return arg === undefined ? { cancelled: true } : { error: 'No such connection.' };
  if (confirm) {
    const answer = await vscode.window.showWarningMessage(`Remove connection '${connection.label}', its stored credentials and its snapshot?`, { modal: true }, 'Remove');
    if (answer !== 'Remove') return { cancelled: true };
  }
  await context.store.remove(connection.id);
  await announce(context, 'removed', connection);
  context.output.info(`Removed connection '${connection.label}' (${connection.id})`);
  return { removed: connection.id };
}

function isTreeNode(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && 'kind' in arg;
}

/** `cartograph.testConnection`: signs in and makes one cheap call. */
export async function testConnection(context: CloudContext, arg?: unknown): Promise<CloudTestConnectionRequest.Result | { cancelled: true }> {
  const connection = connectionFromArgument(context, arg) ?? (arg === undefined ? await pickConnection(context, undefined, 'Choose the connection to test') : undefined);
  if (!connection) return arg === undefined ? { cancelled: true } : { ok: false, message: 'No such connection.' };
  const c = runningClient(context);
  if (!c) return { ok: false, message: 'The Cartograph language server is not running.' };
  const secrets = await context.store.secrets(connection.id);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Testing '${connection.label}'…`, cancellable: true }, (_p, token) =>
    c.sendRequest<CloudTestConnectionRequest.Result>(CloudTestConnectionRequest.method, { connection, secrets } satisfies CloudTestConnectionRequest.Params, token),
  );
  (result.ok ? context.output.info : context.output.warn).call(context.output, `Test of '${connection.label}': ${result.message}`);
  if (result.ok) notify('info', `Cartograph: ${result.message}`);
  else notify('error', `Cartograph: ${result.message}`, [{ title: 'Edit Connection', run: () => vscode.commands.executeCommand('cartograph.editConnection', { connectionId: connection.id }) }]);
  return result;
}

/**
 * `cartograph.showCloudPolicies`: opens the documents that grant Cartograph read access — for a gap
 * node or `{ gaps }`, only what fills those gaps; for a connection, its trust policy and the
 * minimal read-only policy (AWS) or custom role (Azure).
 */
export async function showCloudPolicies(context: CloudContext, arg?: unknown): Promise<CloudPoliciesRequest.Result | { cancelled: true }> {
  const c = runningClient(context);
  if (!c) return { cancelled: true };
  const a = (typeof arg === 'object' && arg !== null ? arg : {}) as { kind?: string; gap?: ImportGap; gaps?: ImportGap[]; provider?: 'aws' | 'azure'; open?: boolean };
  const connection = connectionFromArgument(context, arg) ?? (arg === undefined ? await pickConnection(context) : undefined);
  const provider = connection?.provider ?? a.provider ?? 'aws';
  const gaps = a.gap ? [a.gap] : a.gaps;
  const params: CloudPoliciesRequest.Params = {
    provider,
    ...(gaps ? { gaps } : {}),
    ...(connection?.provider === 'aws' && connection.externalId ? { externalId: connection.externalId } : {}),
    ...(connection?.provider === 'azure' ? { subscriptions: connection.subscriptions } : {}),
  };
  const result = await c.sendRequest<CloudPoliciesRequest.Result>(CloudPoliciesRequest.method, params);
  const docs: { heading: string; json: string }[] = [];
  if (result.readOnlyPolicy) {
    docs.push({ heading: provider === 'aws' ? (gaps ? 'Read-only IAM policy that fills the gap(s)' : 'Minimal read-only IAM policy') : 'Custom role (az role definition create --role-definition)', json: result.readOnlyPolicy });
    await vscode.env.clipboard.writeText(result.readOnlyPolicy);
  }
  if (!gaps && result.trustPolicy && connection?.provider === 'aws' && connection.auth === 'assumeRole') docs.push({ heading: `Trust policy of ${connection.roleArn ?? 'the role'}`, json: result.trustPolicy });
  if (a.open !== false && docs.length > 0) await showJson('Cartograph: grant read access (the first policy is on the clipboard)', docs);
  if (docs.length === 0) notify('info', 'Cartograph: no policy change fills this gap: it was not a denied call.');
  return result;
}

async function announce(context: CloudContext, change: CloudConnectionChangedRequest.Params['change'], connection: CloudConnectionSettings): Promise<void> {
  const c = context.client();
  if (!c?.isRunning()) return;
  await c.sendRequest(CloudConnectionChangedRequest.method, { change, connection } satisfies CloudConnectionChangedRequest.Params).then(undefined, (error: unknown) => {
    context.output.warn(`Could not record the ${change} connection in the audit log: ${error instanceof Error ? error.message : String(error)}`);
  });
}
