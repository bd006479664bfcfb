import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { ImportCancelledError } from '../../../server/cloud/importRun';
import { registerCloudHandlers, type CloudImporters } from '../../../server/lsp/cloudService';
import { CloudImportRequest, CloudPoliciesRequest, type AwsConnectionSettings } from '../../../server/protocol/cloudMessages';
import { snapshotFormatName, snapshotFormatVersion } from '../../../server/protocol/snapshot';

/**
 * The cloud requests over a real JSON-RPC connection: work-done progress reaches the client through
 * the params' token, and the client's cancellation reaches the importer.
 */
describe('cloud requests over LSP', () => {
  let dir: string;
  let client: MessageConnection;
  let stop: () => void;
  let importStarted: () => void;
  let started: Promise<void>;

  const importers: CloudImporters = {
    aws: (_options, hooks) =>
      new Promise((_resolve, reject) => {
        hooks.onProgress?.({ done: 3, total: 16, message: 'eu-west-1 DescribeVpcs: 1 resource' });
        importStarted();
        hooks.signal?.addEventListener('abort', () => reject(new ImportCancelledError()));
      }),
    azure: async () => ({ format: snapshotFormatName, version: snapshotFormatVersion, provider: 'azure', importedAt: '', identities: [], regions: [], resources: [], gaps: [], stats: { calls: 0, succeededCalls: 0, durationMs: 0, redactedValues: 0 } }),
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-cloud-lsp-'));
    started = new Promise((resolve) => (importStarted = resolve));
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    registerCloudHandlers(server, { auditLogPath: () => path.join(dir, 'audit.jsonl'), storageDir: () => dir, log: () => undefined, isTrusted: () => true }, importers);
    server.listen();
    client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.listen();
    stop = () => {
      client.dispose();
      server.dispose();
    };
  });
  afterEach(() => {
    stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports progress on the client\'s token and stops when the client cancels', async () => {
    const connection: AwsConnectionSettings = { id: 'aws-1', provider: 'aws', label: 'p', auth: 'default', regions: ['eu-west-1'] };
    const progress: unknown[] = [];
    client.onNotification('$/progress', (p: { token: string; value: unknown }) => {
      if (p.token === 'tok-1') progress.push(p.value);
    });
    const source = new CancellationTokenSource();
    const pending = client.sendRequest<CloudImportRequest.Result>(CloudImportRequest.method, { connection, workDoneToken: 'tok-1' } satisfies CloudImportRequest.Params, source.token);
    await started;
    source.cancel();
    const result = await pending.catch((error: unknown) => ({ status: 'rejected', message: String(error) }));
    assert.ok(result.status === 'cancelled' || /cancel/i.test(result.message), `cancelled: ${JSON.stringify(result)}`);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f !== 'audit.jsonl' && !f.endsWith('.lock')), [], 'no snapshot was written');
    assert.match(fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8'), /"outcome":"cancelled"/);
    assert.deepEqual((progress[0] as { kind: string; title: string }).kind, 'begin');
    assert.ok(progress.some((p) => (p as { message?: string }).message === '3/16 eu-west-1 DescribeVpcs: 1 resource'), JSON.stringify(progress));
  });

  it('answers a bad request with an error that says what is wrong', async () => {
    await assert.rejects(
      client.sendRequest(CloudImportRequest.method, { connection: { id: '../x', provider: 'aws', label: 'x', auth: 'default', regions: [] } }),
      /'\.\.\/x' is not a connection id/,
    );
    const policies = await client.sendRequest<CloudPoliciesRequest.Result>(CloudPoliciesRequest.method, { provider: 'aws' });
    assert.match(policies.externalId ?? '', /^cartograph-/);
  });
});
