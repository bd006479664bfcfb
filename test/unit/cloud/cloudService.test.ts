import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AwsImportOptions } from '../../../server/cloud/aws/awsImporter';
import { ImportCancelledError, type ImportHooks } from '../../../server/cloud/importRun';
import { CloudService, type CloudImporters } from '../../../server/lsp/cloudService';
import type { AwsConnectionSettings, AzureConnectionSettings } from '../../../server/protocol/cloudMessages';
import { snapshotFormatName, snapshotFormatVersion, type CloudSnapshot, type ImportGap } from '../../../server/protocol/snapshot';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY';

function snapshot(options: { vpcs?: number; succeeded?: number; gaps?: ImportGap[]; at?: string } = {}): CloudSnapshot {
  const vpcs = options.vpcs ?? 2;
  return {
    format: snapshotFormatName,
    version: snapshotFormatVersion,
    provider: 'aws',
    importedAt: options.at ?? '2025-03-01T10:00:00.000Z',
    identities: [{ provider: 'aws', account: '123456789012', principal: 'arn:aws:iam::123456789012:user/importer' }],
    regions: ['eu-west-1'],
    resources: Array.from({ length: vpcs }, (_, i) => ({
      id: `vpc-${i}`,
      type: 'network' as const,
      provider: 'aws' as const,
      nativeType: 'AWS::EC2::VPC',
      name: `vpc-${i}`,
      account: '123456789012',
      region: 'eu-west-1',
      tags: {},
      attributes: {},
      relations: [],
    })),
    gaps: options.gaps ?? [],
    stats: { calls: 16, succeededCalls: options.succeeded ?? 16, durationMs: 5, redactedValues: 0 },
  };
}

const deniedNat: ImportGap = {
  provider: 'aws',
  account: '123456789012',
  region: 'eu-west-1',
  operation: 'DescribeNatGateways',
  permission: 'ec2:DescribeNatGateways',
  resourceTypes: ['natGateway'],
  reason: 'denied',
  message: 'UnauthorizedOperation: You are not authorized to perform this operation.',
};

const aws: AwsConnectionSettings = { id: 'aws-test1', provider: 'aws', label: 'moto', auth: 'staticKeys', regions: ['eu-west-1'], endpoint: 'http://127.0.0.1:1' };

describe('cloud service (language server side of cloud import)', () => {
  let dir: string;
  let trusted: boolean;
  let logs: string[];
  let seen: AwsImportOptions[];
  let next: (hooks: ImportHooks) => Promise<CloudSnapshot>;
  let service: CloudService;

  const importers: CloudImporters = {
    aws: async (options, hooks) => {
      seen.push(options);
      return next(hooks);
    },
    azure: async () => {
      throw new Error('not used');
    },
  };
  const auditText = (): string => fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8');
  const run = (scope?: string[]) =>
    service.importConnection({ connection: aws, secrets: { accessKeyId: 'AKIAPLANTED000000000', secretAccessKey: secret }, ...(scope ? { scope } : {}) }, new AbortController().signal);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-cloud-service-'));
    trusted = true;
    logs = [];
    seen = [];
    next = async () => snapshot();
    service = new CloudService(
      { auditLogPath: () => path.join(dir, 'audit.jsonl'), machineId: 'machine-1', storageDir: () => path.join(dir, 'storage'), log: (m) => logs.push(m), isTrusted: () => trusted },
      importers,
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports with the secrets from the request and writes the snapshot under the connection\'s folder', async () => {
    const result = await run(['eu-west-1', 'eu-central-1']);
    assert.equal(result.status, 'completed', result.message);
    assert.equal(result.snapshotFile, path.join(dir, 'storage', 'snapshots', 'aws-test1', 'aws-moto.json'));
    assert.equal(JSON.parse(fs.readFileSync(result.snapshotFile!, 'utf8')).resources.length, 2);
    assert.deepEqual(result.digest?.counts, [{ type: 'network', count: 2 }]);
    const connection = seen[0]!.connections[0]!;
    assert.deepEqual(connection.credentials, { kind: 'static', accessKeyId: 'AKIAPLANTED000000000', secretAccessKey: secret });
    assert.deepEqual(connection.regions, ['eu-west-1', 'eu-central-1']);
    assert.equal(connection.endpoint, 'http://127.0.0.1:1');
    const entry = JSON.parse(auditText().trim());
    assert.equal(entry.action, 'import.completed');
    assert.equal(entry.details.resources, 2);
    assert.equal(entry.actor.machineId, 'machine-1');
    for (const text of [auditText(), logs.join('\n'), JSON.stringify(result)]) assert.ok(!text.includes(secret) && !text.includes('AKIAPLANTED'), 'no credential is written or returned');
  });

  it('offers the policy that fills a denied gap', async () => {
    next = async () => snapshot({ gaps: [deniedNat] });
    const result = await run();
    assert.equal(result.status, 'completed');
    assert.deepEqual(JSON.parse(result.fillingPolicy!).Statement[0].Action, ['ec2:DescribeNatGateways']);
    assert.match(auditText(), /"permission":"ec2:DescribeNatGateways"/);
  });

  it('keeps the last good snapshot when an import reads nothing, and says why', async () => {
    const good = await run();
    const before = fs.readFileSync(good.snapshotFile!, 'utf8');
    next = async () => ({ ...snapshot({ vpcs: 0, succeeded: 0, gaps: [{ ...deniedNat, operation: 'GetCallerIdentity', permission: 'sts:GetCallerIdentity', reason: 'failed', message: 'InvalidClientTokenId: The security token included in the request is invalid.' }] }), identities: [] });
    const failed = await run();
    assert.equal(failed.status, 'failed');
    assert.match(failed.message, /read nothing.*last one is kept.*GetCallerIdentity/);
    assert.equal(fs.readFileSync(good.snapshotFile!, 'utf8'), before);
    assert.deepEqual(auditText().trim().split('\n').map((l) => JSON.parse(l).action), ['import.completed', 'import.failed']);
  });

  it('stops on cancellation without writing anything', async () => {
    const good = await run();
    const before = fs.readFileSync(good.snapshotFile!, 'utf8');
    const controller = new AbortController();
    next = (hooks) =>
      new Promise((_resolve, reject) => {
        hooks.onProgress?.({ done: 1, total: 16, message: 'eu-west-1 DescribeVpcs: 2 resources' });
        hooks.signal?.addEventListener('abort', () => reject(new ImportCancelledError()));
      });
    const reported: string[] = [];
    const pending = service.importConnection({ connection: aws, secrets: { accessKeyId: 'a', secretAccessKey: 'b' } }, controller.signal, {
      begin: (title) => reported.push(`begin ${title}`),
      report: (_p: number | string | undefined, message?: string) => reported.push(`report ${message ?? ''}`),
      done: () => reported.push('done'),
    });
    controller.abort();
    const result = await pending;
    assert.equal(result.status, 'cancelled');
    assert.equal(fs.readFileSync(good.snapshotFile!, 'utf8'), before);
    assert.deepEqual(reported, ["begin Importing AWS connection 'moto'", 'report 1/16 eu-west-1 DescribeVpcs: 2 resources', 'done']);
    assert.deepEqual(fs.readdirSync(path.dirname(good.snapshotFile!)), ['aws-moto.json']);
  });

  it('refuses to import in an untrusted workspace', async () => {
    trusted = false;
    const result = await run();
    assert.equal(result.status, 'failed');
    assert.match(result.message, /untrusted workspace/);
    assert.equal(seen.length, 0);
  });

  it('refuses a connection id that is not a plain name', async () => {
    await assert.rejects(service.importConnection({ connection: { ...aws, id: '../../etc' }, secrets: {} }, new AbortController().signal), /not a connection id/);
  });

  it('says which settings are missing before any call', async () => {
    const result = await service.importConnection({ connection: aws }, new AbortController().signal);
    assert.equal(result.status, 'failed');
    assert.match(result.message, /access keys, but none are stored\. Edit the connection/);
  });

  it('lists the last snapshot of each connection', async () => {
    await run();
    const listed = await service.snapshots({});
    assert.deepEqual(listed.snapshots.map((s) => [s.connectionId, s.digest.resourceCount, s.digest.importedAt]), [['aws-test1', 2, '2025-03-01T10:00:00.000Z']]);
    assert.deepEqual((await service.snapshots({ connectionIds: ['aws-other'] })).snapshots, []);
  });

  it('renders a trust policy with a fresh ExternalId and the minimal read-only policy', async () => {
    const result = await service.policies({ provider: 'aws', trustedAccountId: '210987654321' });
    assert.match(result.externalId!, /^cartograph-[0-9a-f]{32}$/);
    const trust = JSON.parse(result.trustPolicy!);
    assert.equal(trust.Statement[0].Condition.StringEquals['sts:ExternalId'], result.externalId);
    assert.equal(trust.Statement[0].Principal.AWS, 'arn:aws:iam::210987654321:root');
    const policy = JSON.parse(result.readOnlyPolicy!);
    assert.ok(policy.Statement[0].Action.includes('ec2:DescribeVpcs'));
    assert.ok(policy.Statement[0].Action.every((a: string) => /:(Describe|List|Get)/.test(a)), 'read-only actions only');
    assert.match((await service.policies({ provider: 'aws', externalId: 'cartograph-fixed' })).trustPolicy!, /<ACCOUNT-ID-THAT-SIGNS-IN>[\s\S]*cartograph-fixed/);
    const role = JSON.parse((await service.policies({ provider: 'azure', subscriptions: ['00000000-0000-0000-0000-000000000001'] })).readOnlyPolicy!);
    assert.deepEqual(role.AssignableScopes, ['/subscriptions/00000000-0000-0000-0000-000000000001']);
  });

  it('records connection changes in the audit log and forgets a removed connection\'s snapshot', async () => {
    const good = await run();
    const azure: AzureConnectionSettings = { id: 'azure-1', provider: 'azure', label: 'prod', auth: 'servicePrincipal', tenantId: 't', clientId: 'c', subscriptions: [] };
    await service.connectionChanged({ change: 'added', connection: azure });
    await service.connectionChanged({ change: 'removed', connection: aws });
    assert.ok(!fs.existsSync(path.dirname(good.snapshotFile!)));
    const entries = auditText().trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(entries.map((e) => e.action), ['import.completed', 'connection.added', 'connection.removed']);
    assert.equal(entries[1].details.clientId, 'c');
  });

  it('tests an AWS connection and explains a refused one without echoing the key', async () => {
    // Nothing listens on port 1: the sign-in fails fast, and the message must not hold the secret.
    const result = await service.testConnection({ connection: aws, secrets: { accessKeyId: 'AKIAPLANTED000000000', secretAccessKey: secret } }, new AbortController().signal);
    assert.equal(result.ok, false);
    assert.match(result.message, /GetCallerIdentity failed for connection 'moto'/);
    assert.ok(!result.message.includes(secret));
  });
});
