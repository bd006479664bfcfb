import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type AuditAction, appendAuditEntry, canonicalJson, computeEntryHash, genesisHash } from '../../../server/audit/auditLog';
import { type AuditBreakReason, verifyAuditLog } from '../../../server/audit/verifyAuditLog';

const actions: AuditAction[] = ['connection.added', 'import.completed', 'policy.previewed', 'suppression.added', 'connection.removed'];

/** Writes a genuine log of `count` entries and returns its lines (without newlines). */
async function writeLog(file: string, count: number): Promise<string[]> {
  for (let i = 0; i < count; i++) {
    await appendAuditEntry(file, {
      action: actions[i % actions.length],
      actor: { user: 'alice', machineId: 'm-1' },
      details: { connection: 'prod-aws', regions: ['eu-west-1', 'us-east-1'], counts: { vpcs: i, subnets: 2 * i }, note: `entry ${i + 1}` },
    });
  }
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.endsWith('\n'));
  return text.slice(0, -1).split('\n');
}

/** A valid chain built in memory, the way the writer builds each entry, without a file or a lock. */
function buildChain(count: number): string[] {
  const out: string[] = [];
  let prevHash = genesisHash;
  for (let seq = 1; seq <= count; seq++) {
    const entry: Record<string, unknown> = {
      v: 1,
      seq,
      time: new Date(Date.UTC(2024, 4, 1, 0, 0, seq)).toISOString(),
      action: actions[seq % actions.length],
      actor: { user: 'carol' },
      details: { seq, text: 'é ✓ \u2028 "quoted"' },
      prevHash,
    };
    entry.hash = computeEntryHash(entry);
    prevHash = entry.hash as string;
    out.push(canonicalJson(entry));
  }
  return out;
}

/** Re-serialises a changed entry with a hash that matches its new content, as a careful forger would. */
function rehashed(line: string, change: (entry: Record<string, unknown>) => void): string {
  const entry = JSON.parse(line) as Record<string, unknown>;
  change(entry);
  entry.hash = computeEntryHash(entry);
  return canonicalJson(entry);
}

describe('verifyAuditLog', () => {
  let dir: string;
  let file: string;
  let lines: string[];
  let counter = 0;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-verify-'));
    lines = await writeLog(path.join(dir, 'genuine.jsonl'), 10);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    file = path.join(dir, `case-${++counter}.jsonl`);
  });

  /** Writes `content` and checks that verify names `line` (and `seq`) as broken for `reason`. */
  async function expectBroken(content: string, reason: AuditBreakReason, line: number, seq?: number): Promise<string> {
    fs.writeFileSync(file, content);
    const result = await verifyAuditLog(file);
    assert.equal(result.ok, false, `expected ${reason} at line ${line}, got an intact chain`);
    if (result.ok) throw new Error('unreachable');
    assert.equal(result.reason, reason, result.message);
    assert.equal(result.brokenAt.line, line, result.message);
    if (seq !== undefined) assert.equal(result.brokenAt.seq, seq, result.message);
    assert.equal(result.entries, line - 1, 'every entry before the broken one verified');
    assert.match(result.message, new RegExp(`^line ${line}: `));
    return result.message;
  }

  const joined = (ls: string[]): string => `${ls.join('\n')}\n`;

  it('reports an untouched log as intact, with its last seq and hash', async () => {
    fs.writeFileSync(file, joined(lines));
    const result = await verifyAuditLog(file);
    assert.deepEqual(result, { ok: true, entries: 10, lastSeq: 10, lastHash: (JSON.parse(lines[9]) as { hash: string }).hash, reformatted: 0 });
  });

  it('reports an empty log as intact', async () => {
    fs.writeFileSync(file, '');
    assert.deepEqual(await verifyAuditLog(file), { ok: true, entries: 0, lastSeq: 0, lastHash: genesisHash, reformatted: 0 });
  });

  it('throws when the file cannot be read', async () => {
    await assert.rejects(verifyAuditLog(path.join(dir, 'missing.jsonl')), { code: 'ENOENT' });
  });

  it('detects an edited value', async () => {
    const edited = [...lines];
    edited[4] = edited[4].replace('"prod-aws"', '"prod-gcp"');
    const message = await expectBroken(joined(edited), 'edited', 5, 5);
    assert.match(message, /entry 5 was edited/);
  });

  it('detects an edit that keeps the length (another action)', async () => {
    const edited = [...lines];
    edited[2] = edited[2].replace('"action":"policy.previewed"', '"action":"policy.previeweD"');
    await expectBroken(joined(edited), 'edited', 3, 3);
  });

  it('detects an edited hash', async () => {
    const edited = [...lines];
    edited[6] = edited[6].replace(/"hash":"[0-9a-f]/, '"hash":"x');
    await expectBroken(joined(edited), 'malformed', 7, 7);
    edited[6] = edited[6].replace(/"hash":"x/, `"hash":"${(JSON.parse(lines[6]) as { hash: string }).hash[0] === 'a' ? 'b' : 'a'}`);
    await expectBroken(joined(edited), 'edited', 7, 7);
  });

  it('detects an entry rewritten with a recomputed hash at the next link', async () => {
    const edited = [...lines];
    edited[3] = rehashed(edited[3], (e) => {
      (e.details as Record<string, unknown>).connection = 'someone-else';
    });
    const message = await expectBroken(joined(edited), 'prev-hash-mismatch', 5, 5);
    assert.match(message, /entry 5 does not link to entry 4/);
  });

  it('detects a deleted entry', async () => {
    const message = await expectBroken(joined([...lines.slice(0, 5), ...lines.slice(6)]), 'deleted-or-reordered', 6, 7);
    assert.match(message, /expected entry 6 after entry 5, found entry 7: entry 6 is missing/);
  });

  it('detects several deleted entries', async () => {
    const message = await expectBroken(joined([...lines.slice(0, 2), ...lines.slice(5)]), 'deleted-or-reordered', 3, 6);
    assert.match(message, /entries 3–5 are missing/);
  });

  it('detects reordered entries', async () => {
    const swapped = [...lines];
    [swapped[6], swapped[7]] = [swapped[7], swapped[6]];
    await expectBroken(joined(swapped), 'deleted-or-reordered', 7, 8);
  });

  it('detects a duplicated entry', async () => {
    const message = await expectBroken(joined([...lines.slice(0, 4), lines[3], ...lines.slice(4)]), 'deleted-or-reordered', 5, 4);
    assert.match(message, /comes again or out of order/);
  });

  it('detects a deleted and renumbered entry whose successors were re-hashed only from the deletion on', async () => {
    // A forger deletes entry 6 and renumbers entry 7 as 6, re-hashing it but not linking it anew.
    const forged = [...lines.slice(0, 5), rehashed(lines[6], (e) => (e.seq = 6)), ...lines.slice(7)];
    await expectBroken(joined(forged), 'prev-hash-mismatch', 6, 6);
  });

  it('detects a last line cut during a write', async () => {
    const cut = `${joined(lines.slice(0, 9))}${lines[9].slice(0, 100)}`;
    const message = await expectBroken(cut, 'truncated', 10, undefined);
    assert.match(message, /no line ending/);
  });

  it('detects a last line whose newline was removed', async () => {
    await expectBroken(joined(lines).slice(0, -1), 'truncated', 10, 10);
  });

  it('detects a line that is not JSON', async () => {
    const edited = [...lines];
    edited[2] = edited[2].slice(0, 150);
    await expectBroken(joined(edited), 'not-json', 3);
  });

  it('detects a blank line', async () => {
    const message = await expectBroken(joined([...lines.slice(0, 3), '', ...lines.slice(3)]), 'not-json', 4);
    assert.match(message, /an empty line/);
  });

  it('detects a line that is JSON but not an entry', async () => {
    await expectBroken(joined([...lines.slice(0, 3), '{"seq":4,"note":"hello"}', ...lines.slice(3)]), 'malformed', 4, 4);
    await expectBroken(joined([...lines.slice(0, 3), '[1,2,3]', ...lines.slice(3)]), 'malformed', 4);
    await expectBroken(joined([rehashed(lines[0], (e) => (e.v = 2)), ...lines.slice(1)]), 'malformed', 1, 1);
  });

  it('detects a log whose first entries were removed', async () => {
    const message = await expectBroken(joined(lines.slice(3)), 'bad-genesis', 1, 4);
    assert.match(message, /starts at entry 4/);
  });

  it('detects a first entry that does not start the chain', async () => {
    const forged = rehashed(lines[0], (e) => (e.prevHash = 'f'.repeat(64)));
    const message = await expectBroken(joined([forged, ...lines.slice(1)]), 'bad-genesis', 1, 1);
    assert.match(message, /prevHash is not 64 zeros/);
  });

  it('accepts entries whose JSON was re-serialised without changing a value', async () => {
    // Spacing, key order and CRLF line endings are not content: the hash is over the canonical form.
    const reformatted = lines.map((line, i) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (i % 3 === 0) return JSON.stringify(entry, null, 1).replace(/\n/g, ' ');
      if (i % 3 === 1) return JSON.stringify(Object.fromEntries(Object.entries(entry).reverse()));
      return line;
    });
    fs.writeFileSync(file, `${reformatted.join('\r\n')}\r\n`);
    const result = await verifyAuditLog(file);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.entries, 10);
    // Every line now ends in CR, so none is byte for byte what the writer wrote.
    assert.equal(result.reformatted, 10);
  });

  it('reads lines longer than its read buffer', async () => {
    const big = path.join(dir, 'big-lines.jsonl');
    for (let i = 0; i < 3; i++) {
      await appendAuditEntry(big, { action: 'policy.previewed', actor: { user: 'bob' }, details: { statement: `SELECT ${'x, '.repeat(60_000)}y FROM t${i}` } });
    }
    const result = await verifyAuditLog(big, { chunkSize: 64 * 1024 });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.entries, 3);
  });

  it('verifies lines that straddle read chunks, and reports progress', async () => {
    const many = path.join(dir, 'many.jsonl');
    const text = joined(buildChain(2000));
    fs.writeFileSync(many, text);
    const progress: number[] = [];
    const result = await verifyAuditLog(many, { chunkSize: 64 * 1024, onProgress: (read) => progress.push(read) });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.entries, 2000);
    assert.equal(result.reformatted, 0, 'canonical lines take the fast path');
    assert.ok(progress.length > 5, `${progress.length} chunks`);
    assert.equal(progress[progress.length - 1], Buffer.byteLength(text));
  });

  it('stops when aborted', async () => {
    fs.writeFileSync(file, joined(lines));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(verifyAuditLog(file, { signal: controller.signal }), { name: 'AbortError' });
  });
});
