/**
 * `cartograph import aws|azure`: imports a cloud estate into a snapshot file with the standard
 * credential chains (AWS: environment, profile, SSO, instance roles; Azure: environment, managed
 * identity, the Azure CLI). Progress goes to stderr; the snapshot's path, a summary, the gaps and
 * the policy that fills them go to stdout.
 *
 * Exit codes: 0 a snapshot was written (it may have gaps), 1 the import read nothing and no
 * snapshot was written (the previous one is kept), 2 bad usage, 130 cancelled (Ctrl-C).
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { CloudSnapshot, ImportProgress } from '../protocol/snapshot';
import type { AwsConnection, AwsCredentialSource } from '../cloud/aws/awsConnection';
import { importAws } from '../cloud/aws/awsImporter';
import type { AzureCredentialSource } from '../cloud/azure/azureConnection';
import { importAzure } from '../cloud/azure/azureImporter';
import { describeGap, formatImportSummary } from '../cloud/importSummary';
import { ImportCancelledError, type ImportHooks } from '../cloud/importRun';
import { snapshotFileName, snapshotIsUsable, writeSnapshotAtomically } from '../cloud/snapshotStore';
import { redactSecretsInText } from '../cloud/secretPatterns';

export interface CommandIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

export const importUsage = `Usage:
  cartograph import aws --regions R1,R2 --out DIR [options]
      --regions LIST        AWS regions to read, comma-separated (required)
      --role-arn ARN        assume this role (repeat for several accounts); recommended
      --external-id ID      the ExternalId the role's trust policy requires
      --profile NAME        start from this named profile instead of the default chain
      --endpoint URL        send every call to this endpoint (LocalStack, moto)
  cartograph import azure --subscription ID --out DIR [options]
      --subscription ID     subscription to read (repeat, or comma-separate, for several)
      --auth default|cli    DefaultAzureCredential (default) or the Azure CLI's login only
      --endpoint URL        Azure Resource Manager endpoint instead of management.azure.com
  Both:
      --out DIR             folder for the snapshot (required); it is replaced only by a good import
      --label NAME          name the snapshot after this connection label
      --concurrency N       calls in flight at once (default 8)
      --timeout SECONDS     longest wait for one call before it becomes a gap (default 60)
`;

/** Runs `cartograph import …` with `args` (the words after `import`) and returns the exit code. */
export async function importCommand(args: string[], io: CommandIo): Promise<number> {
  const [provider, ...rest] = args;
  if (provider === '--help' || provider === '-h' || provider === 'help') {
    io.stdout(importUsage);
    return 0;
  }
  if (provider !== 'aws' && provider !== 'azure') {
    io.stderr(`cartograph import: say which cloud: 'aws' or 'azure'${provider ? `, not '${provider}'` : ''}\n\n${importUsage}`);
    return 2;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (error) {
    io.stderr(`cartograph import ${provider}: ${error instanceof Error ? error.message : String(error)}\n\n${importUsage}`);
    return 2;
  }
  const { values } = parsed;
  const usageError = (message: string): number => {
    io.stderr(`cartograph import ${provider}: ${message}\n`);
    return 2;
  };
  if (!values.out) return usageError('--out DIR is required (the folder for the snapshot)');
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)) {
    return usageError(`--concurrency must be a whole number from 1 to 64, not '${values.concurrency}'`);
  }
  const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) return usageError(`--timeout must be a positive number of seconds, not '${values.timeout}'`);
  const callTimeoutMs = timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000;

  const controller = new AbortController();
  const onSigint = (): void => {
    io.stderr('\ncartograph: cancelling the import…\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const hooks: ImportHooks = { signal: controller.signal, onProgress: (p: ImportProgress) => io.stderr(`cartograph: [${p.done}/${p.total}] ${p.message}\n`) };
  let snapshot: CloudSnapshot;
  try {
    if (provider === 'aws') {
      const regions = list(values.regions);
      if (regions.length === 0) return usageError('--regions is required, e.g. --regions eu-west-1,eu-central-1');
      if (values['external-id'] && !values['role-arn']?.length) return usageError('--external-id goes with --role-arn');
      const connections = awsConnections(values, regions);
      // The SDK warns on every run under Node 20 that future versions will need Node 22; the
      // warning is about upgrades, not this import, so it stays out of the progress output.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      snapshot = await importAws({ connections, concurrency, callTimeoutMs }, hooks);
    } else {
      const subscriptions = list(values.subscription);
      if (subscriptions.length === 0) return usageError('--subscription ID is required');
      const auth = values.auth ?? 'default';
      if (auth !== 'default' && auth !== 'cli') return usageError(`--auth must be default or cli, not '${auth}'`);
      const credentials: AzureCredentialSource = { kind: auth };
      snapshot = await importAzure(
        {
          connections: [{ credentials, subscriptions, ...(values.endpoint ? { endpoint: values.endpoint } : {}), ...(values.label ? { label: values.label } : {}) }],
          concurrency,
          callTimeoutMs,
        },
        hooks,
      );
    }
  } catch (error) {
    if (error instanceof ImportCancelledError) {
      io.stderr(`cartograph: ${error.message}\n`);
      return 130;
    }
    io.stderr(`cartograph import ${provider}: ${redactSecretsInText(error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }

  if (!snapshotIsUsable(snapshot)) {
    io.stderr(`cartograph import ${provider}: the import read nothing, so no snapshot was written (any previous one is kept):\n`);
    for (const gap of snapshot.gaps) io.stderr(`  ${describeGap(gap)}\n`);
    return 1;
  }
  const file = path.resolve(values.out, snapshotFileName(snapshot, values.label));
  try {
    await writeSnapshotAtomically(file, snapshot);
  } catch (error) {
    io.stderr(`cartograph import ${provider}: could not write ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  io.stdout(formatImportSummary(snapshot, file));
  return 0;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: false,
    options: {
      regions: { type: 'string' },
      'role-arn': { type: 'string', multiple: true },
      'external-id': { type: 'string' },
      profile: { type: 'string' },
      subscription: { type: 'string', multiple: true },
      auth: { type: 'string' },
      endpoint: { type: 'string' },
      out: { type: 'string' },
      label: { type: 'string' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
}

function list(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

function awsConnections(values: ReturnType<typeof parse>['values'], regions: string[]): AwsConnection[] {
  const base: Exclude<AwsCredentialSource, { kind: 'assumeRole' }> = values.profile ? { kind: 'profile', profile: values.profile } : { kind: 'default' };
  const endpoint = values.endpoint ? { endpoint: values.endpoint } : {};
  const roles = values['role-arn'] ?? [];
  if (roles.length === 0) return [{ credentials: base, regions, ...endpoint, ...(values.label ? { label: values.label } : {}) }];
  return roles.map((roleArn) => ({
    credentials: { kind: 'assumeRole', roleArn, base, ...(values['external-id'] ? { externalId: values['external-id'] } : {}) },
    regions,
    ...endpoint,
    ...(values.label ? { label: values.label } : {}),
  }));
}
