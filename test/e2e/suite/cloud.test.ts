import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Cloud import from VS Code, against the moto server test/e2e/run.sh starts and seeds: the
 * credential manager keeps the secret out of everything but SecretStorage, the import runs in the
 * language server and writes its snapshot to the global storage, and a failed import keeps it.
 */
interface Node {
  id: string;
  label: string;
  description?: string;
  children?: Node[];
}
interface Overview {
  tree: Node[];
  stored: unknown;
}
interface ImportResult {
  status: string;
  message: string;
  snapshotFile?: string;
  digest?: { resourceCount: number; counts: { type: string; count: number }[]; gaps: { permission: string }[] };
}
interface AddResult {
  connection?: { id: string; label: string };
  secretsStored?: boolean;
}

const endpoint = process.env.CARTOGRAPH_E2E_MOTO_ENDPOINT;
const expectedVpcs = Number(process.env.CARTOGRAPH_E2E_MOTO_VPCS);
const plantedSecret = 'e2e-PLANTED-secret-access-key-7f3a9c';

(endpoint ? describe : describe.skip)('Cloud import (moto)', function () {
  let connectionId: string;
  let snapshotFile: string;
  let snapshotText: string;

  it('adds a connection whose secret stays in SecretStorage', async () => {
    const added = (await vscode.commands.executeCommand('cartograph.addConnection', {
      provider: 'aws',
      label: 'moto e2e',
      auth: 'staticKeys',
      accessKeyId: 'AKIAE2ETESTKEY000000',
      secretAccessKey: plantedSecret,
      regions: ['eu-west-1'],
      endpoint,
    })) as AddResult;
    assert.ok(added.connection, `the connection was added: ${JSON.stringify(added)}`);
    assert.equal(added.secretsStored, true);
    connectionId = added.connection.id;
    assert.ok(!JSON.stringify(added).includes(plantedSecret), 'the command result holds no secret');
  });

  it('imports through the command and writes the snapshot to the global storage', async () => {
    const result = (await vscode.commands.executeCommand('cartograph.importAws', { connectionId, regions: ['eu-west-1'] })) as ImportResult;
    assert.equal(result.status, 'completed', result.message);
    assert.ok(result.snapshotFile, 'the result names the snapshot');
    snapshotFile = result.snapshotFile;
    assert.match(snapshotFile.replace(/\\/g, '/'), new RegExp(`/snapshots/${connectionId}/[^/]+\\.json$`));
    assert.ok(fs.existsSync(snapshotFile), `${snapshotFile} exists`);
    snapshotText = fs.readFileSync(snapshotFile, 'utf8');
    const snapshot = JSON.parse(snapshotText) as { resources: { type: string }[]; regions: string[] };
    assert.equal(snapshot.resources.filter((r) => r.type === 'network').length, expectedVpcs, 'every VPC of eu-west-1');
    assert.deepEqual(snapshot.regions, ['eu-west-1']);
    assert.equal(result.digest?.counts.find((c) => c.type === 'network')?.count, expectedVpcs);
  });

  it('keeps the secret out of the snapshot, the settings, the stored state and the audit log', async () => {
    const overview = (await vscode.commands.executeCommand('cartograph.refreshConnections')) as Overview;
    const auditLog = path.join(path.dirname(path.dirname(path.dirname(snapshotFile))), 'audit.jsonl');
    const places: Record<string, string> = {
      snapshot: snapshotText,
      settings: JSON.stringify(vscode.workspace.getConfiguration()),
      cartographSettings: JSON.stringify(vscode.workspace.getConfiguration('cartograph')),
      globalState: JSON.stringify(overview.stored),
      tree: JSON.stringify(overview.tree),
      auditLog: fs.readFileSync(auditLog, 'utf8'),
    };
    for (const [where, text] of Object.entries(places)) assert.ok(!text.includes(plantedSecret), `no secret in the ${where}`);
    assert.match(places.auditLog, /"import\.completed"/);
    assert.match(places.globalState, /moto e2e/, 'the stored state is the connection\'s');
  });

  it('lists the connection with its last import in the Cloud Connections view', async () => {
    const overview = (await vscode.commands.executeCommand('cartograph.refreshConnections')) as Overview;
    const node = overview.tree.find((n) => n.id === connectionId);
    assert.ok(node, `the tree lists the connection: ${JSON.stringify(overview.tree)}`);
    assert.equal(node.label, 'moto e2e');
    assert.match(node.description ?? '', /AWS · eu-west-1 · \d+ resources, \d+ gaps?, imported just now/);
  });

  it('reports a failed import against an unreachable endpoint and keeps the last snapshot', async () => {
    const closed = await closedPort();
    const edited = (await vscode.commands.executeCommand('cartograph.editConnection', { id: connectionId, endpoint: `http://127.0.0.1:${closed}` })) as AddResult;
    assert.equal(edited.connection?.id, connectionId);
    const result = (await vscode.commands.executeCommand('cartograph.importAws', { connectionId, regions: ['eu-west-1'] })) as ImportResult;
    assert.equal(result.status, 'failed', result.message);
    assert.match(result.message, /read nothing.*last one is kept/);
    assert.ok(!result.message.includes(plantedSecret));
    assert.equal(fs.readFileSync(snapshotFile, 'utf8'), snapshotText, 'the last good snapshot is untouched');
    const overview = (await vscode.commands.executeCommand('cartograph.refreshConnections')) as Overview;
    const node = overview.tree.find((n) => n.id === connectionId);
    assert.match(node?.description ?? '', /last import failed · \d+ resources/);
    assert.equal(node?.children?.[0]?.label, 'Last import failed');
  });

  it('removes the connection with its secret and snapshot', async () => {
    const removed = (await vscode.commands.executeCommand('cartograph.removeConnection', { id: connectionId })) as { removed?: string };
    assert.equal(removed.removed, connectionId);
    const overview = (await vscode.commands.executeCommand('cartograph.refreshConnections')) as Overview;
    assert.ok(!overview.tree.some((n) => n.id === connectionId));
    assert.ok(!fs.existsSync(snapshotFile), 'the snapshot went with the connection');
  });
});

/** A port on 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 9));
    });
  });
}
