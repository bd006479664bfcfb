/**
 * How an AWS import signs in, per connection: assume a role with an ExternalId (the recommended
 * path), static keys, a named profile, or the standard credential chain (environment, SSO, the
 * shared files, instance or container roles). Credentials are resolved once per connection, before
 * any read, so that a rejected role or key shows up as one gap that says what to fix instead of a
 * gap on every call.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { ImportRun } from '../importRun';

/** Resolved keys, as the AWS SDK takes them. */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

/** Where a connection's credentials come from. Secrets are only held in memory, never written. */
export type AwsCredentialSource =
  | { kind: 'default' }
  | { kind: 'profile'; profile: string }
  | { kind: 'static'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | {
      kind: 'assumeRole';
      roleArn: string;
      externalId?: string;
      /** Shown in the account's CloudTrail as the session's name (default `cartograph-import`). */
      sessionName?: string;
      /** The credentials that assume the role (default: the standard chain). */
      base?: Exclude<AwsCredentialSource, { kind: 'assumeRole' }>;
    };

/** One AWS account to import, as the credential manager stores it (without its secrets). */
export interface AwsConnection {
  /** A name for the user (`production`), written into the snapshot's identity. */
  label?: string;
  credentials: AwsCredentialSource;
  /** The regions to read, e.g. `['eu-west-1', 'eu-central-1']`. */
  regions: string[];
  /** An endpoint for every service instead of AWS's own (LocalStack, moto). */
  endpoint?: string;
}

export interface ResolvedAwsConnection {
  account: string;
  principal?: string;
  credentials: AwsCredentialIdentity;
}

function baseProvider(source: Exclude<AwsCredentialSource, { kind: 'assumeRole' }>): AwsCredentialIdentityProvider {
  switch (source.kind) {
    case 'static': {
      const identity: AwsCredentialIdentity = { accessKeyId: source.accessKeyId, secretAccessKey: source.secretAccessKey };
      if (source.sessionToken) identity.sessionToken = source.sessionToken;
      return async () => identity;
    }
    case 'profile':
      return fromIni({ profile: source.profile });
    case 'default':
      return fromNodeProviderChain();
  }
}

/**
 * Resolves a connection's credentials and learns its account. Returns `undefined` after recording
 * a gap when it cannot: then nothing of this connection can be read.
 */
export async function resolveAwsConnection(connection: AwsConnection, run: ImportRun): Promise<ResolvedAwsConnection | undefined> {
  const region = connection.regions[0] ?? 'us-east-1';
  const source = connection.credentials;
  const stsConfig = (credentials: AwsCredentialIdentityProvider | AwsCredentialIdentity): STSClientConfig => ({
    region,
    credentials,
    maxAttempts: 3,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
  });
  const label = connection.label ? `connection '${connection.label}'` : 'the connection';
  let base: AwsCredentialIdentity;
  try {
    base = await baseProvider(source.kind === 'assumeRole' ? (source.base ?? { kind: 'default' }) : source)();
  } catch (error) {
    run.checkCancelled();
    const text = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    run.addGap({
      region,
      operation: 'LoadCredentials',
      permission: 'credentials',
      resourceTypes: [],
      reason: 'failed',
      message: `No AWS credentials for ${label}: ${text}. Set a profile (AWS_PROFILE or --profile), environment keys, or sign in with \`aws sso login\`.`,
    });
    return undefined;
  }
  let credentials = base;
  if (source.kind === 'assumeRole') {
    const sts = new STSClient(stsConfig(base));
    try {
      const out = await run.call('AssumeRole', (abortSignal) =>
        sts.send(
          new AssumeRoleCommand({
            RoleArn: source.roleArn,
            RoleSessionName: source.sessionName ?? 'cartograph-import',
            ...(source.externalId ? { ExternalId: source.externalId } : {}),
            DurationSeconds: 3600,
          }),
          { abortSignal },
        ),
        'auth',
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
      credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    } catch (error) {
      run.checkCancelled();
      const { reason, message } = run.classify(error);
      run.addGap({
        account: accountOfArn(source.roleArn),
        region,
        operation: 'AssumeRole',
        permission: 'sts:AssumeRole',
        resourceTypes: [],
        reason,
        message: `Could not assume ${source.roleArn}: ${message}. The role's trust policy must allow this account${source.externalId ? ' with this ExternalId' : ''}, and the caller needs sts:AssumeRole on the role.`,
      });
      return undefined;
    } finally {
      sts.destroy();
    }
  }
  const sts = new STSClient(stsConfig(credentials));
  try {
    // GetCallerIdentity needs no permission: it fails only when the credentials themselves do.
    const who = await run.call('GetCallerIdentity', (abortSignal) => sts.send(new GetCallerIdentityCommand({}), { abortSignal }), 'auth');
    const account = who.Account ?? (source.kind === 'assumeRole' ? accountOfArn(source.roleArn) : undefined);
    if (!account) throw new Error('GetCallerIdentity returned no account');
    return who.Arn ? { account, principal: who.Arn, credentials } : { account, credentials };
  } catch (error) {
    run.checkCancelled();
    const { reason, message } = run.classify(error);
    run.addGap({
      region,
      operation: 'GetCallerIdentity',
      permission: 'sts:GetCallerIdentity',
      resourceTypes: [],
      reason,
      message: `The credentials of ${label} were not accepted: ${message}`,
    });
    return undefined;
  } finally {
    sts.destroy();
  }
}

/** The account id inside an ARN (`arn:aws:iam::123456789012:role/x`). */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}
