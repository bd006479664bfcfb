import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseSnapshot, readSnapshot, snapshotFileName, writeSnapshotAtomically } from '../../../server/cloud/snapshotStore';
import { snapshotFormatName, snapshotFormatVersion, type CloudSnapshot } from '../../../server/protocol/snapshot';

function snapshot(succeededCalls: number, account = '111122223333'): CloudSnapshot {
  return {
    format: snapshotFormatName,
    version: snapshotFormatVersion,
    provider: 'aws',
    importedAt: '2025-01-01T00:00:00.000Z',
    identities: [{ provider: 'aws', account }],
    regions: ['eu-west-1'],
    resources: [],
    gaps: [],
    stats: { calls: 16, succeededCalls, durationMs: 1, redactedValues: 0 },
  };
}

describe('snapshot files', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-snapshot-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a snapshot that reads back, leaving no temporary file', async () => {
    const file = path.join(dir, 'nested', 'aws-111122223333.json');
    await writeSnapshotAtomically(file, snapshot(16));
    assert.deepEqual(await readSnapshot(file), snapshot(16));
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['aws-111122223333.json']);
  });

  it('keeps the last good snapshot when an import read nothing', async () => {
    const file = path.join(dir, 'aws-111122223333.json');
    await writeSnapshotAtomically(file, snapshot(16));
    const before = fs.readFileSync(file, 'utf8');
    await assert.rejects(writeSnapshotAtomically(file, snapshot(0)), /read nothing.*previous snapshot is kept/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    assert.deepEqual(fs.readdirSync(dir), ['aws-111122223333.json']);
  });

  it('replaces the previous snapshot whole, never in part', async () => {
    const file = path.join(dir, 'aws.json');
    await writeSnapshotAtomically(file, snapshot(16, '111122223333'));
    const inode = fs.statSync(file).ino;
    await writeSnapshotAtomically(file, snapshot(16, '444455556666'));
    assert.equal((await readSnapshot(file)).identities[0]?.account, '444455556666');
    assert.notEqual(fs.statSync(file).ino, inode, 'a new file renamed over the old one, not the old one rewritten');
  });

  it('names the file after the connection, one file per connection', () => {
    assert.equal(snapshotFileName(snapshot(1)), 'aws-111122223333.json');
    assert.equal(snapshotFileName(snapshot(1), 'Production EU'), 'aws-production-eu.json');
  });

  it('says which file is wrong and how', async () => {
    const file = path.join(dir, 'old.json');
    fs.writeFileSync(file, JSON.stringify({ ...snapshot(1), version: 0 }));
    await assert.rejects(readSnapshot(file), new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a version 0 snapshot`));
    fs.writeFileSync(file, '{');
    await assert.rejects(readSnapshot(file), /is not JSON/);
  });
});

describe('a damaged snapshot', () => {
  const example = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'snapshot', 'aws-northwind-production.json'), 'utf8');
  const damaged = (edit: (s: { resources: Record<string, unknown>[] }) => void): string => {
    const data = JSON.parse(example) as { resources: Record<string, unknown>[] };
    edit(data);
    return JSON.stringify(data);
  };

  it('is refused with the file, the resource and the field at fault', () => {
    assert.throws(() => parseSnapshot(damaged((s) => (s.resources[3].tags = { Name: 7 })), 'snap.json'), /snap\.json is damaged: resource 3 \([^)]+\) has "tags" that are not text values/);
    assert.throws(() => parseSnapshot(damaged((s) => (s.resources[0].relations = [{ kind: 'attachedTo' }])), 'snap.json'), /resource 0 .* has "relations" that are not \{ kind, to \} pairs/);
    assert.throws(() => parseSnapshot(damaged((s) => (s.resources[1] = null as unknown as Record<string, unknown>)), 'snap.json'), /resource 1 is not an object/);
    assert.throws(() => parseSnapshot(damaged((s) => (s.resources[2].provider = 'gcp')), 'snap.json'), /has provider "gcp" \(aws or azure\)/);
  });

  it('reads the recorded demo snapshot as it is', () => {
    assert.equal(parseSnapshot(example, 'demo.json').resources.length, 46);
  });
});
