import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { verifyAuditLog } from '../../../server/audit/verifyAuditLog';

const helper = path.join(__dirname, 'fixtures', 'appendMany.ts');

/** Starts a writer process and resolves once it has loaded and is waiting for the go. */
function startWriter(file: string, count: number, label: string): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', helper, file, String(count), label], {
    env: { ...process.env, CARTOGRAPH_TEST_WAIT_FOR_GO: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stdout = child.stdout;
  if (stdout === null) throw new Error('spawned without a stdout pipe');
  const ready = new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: stdout }).once('line', (line) => (line === 'ready' ? resolve() : reject(new Error(line))));
    child.once('exit', (code) => reject(new Error(`writer ${label} exited (${code}) before it was ready: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, stderr: () => stderr };
}

describe('two processes appending to one audit log', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-concurrent-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('produce one valid chain of 2,000 entries, neither interleaving a line nor forking', async function () {
    this.timeout(60_000);
    const file = path.join(dir, 'audit.jsonl');
    const count = 1000;
    const writers = [startWriter(file, count, 'a'), startWriter(file, count, 'b')];
    await Promise.all(writers.map((w) => w.ready));
    // Both start at once, so that their appends contend for the lock.
    for (const w of writers) w.child.stdin?.end('go\n');
    const codes = await Promise.all(writers.map((w) => w.exited));
    assert.deepEqual(codes, [0, 0], writers.map((w) => w.stderr()).join('\n'));

    const result = await verifyAuditLog(file);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.entries, 2 * count);
    assert.equal(result.reformatted, 0);

    // Each writer's entries keep their own order, and the two were interleaved in the file.
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const next: Record<string, number> = { a: 0, b: 0 };
    let switches = 0;
    let previous = '';
    for (const line of lines) {
      const { details } = JSON.parse(line) as { details: { writer: string; i: number } };
      assert.equal(details.i, next[details.writer], `writer ${details.writer}'s entries in order`);
      next[details.writer]++;
      if (previous !== '' && previous !== details.writer) switches++;
      previous = details.writer;
    }
    assert.deepEqual(next, { a: count, b: count });
    assert.ok(switches > 0, 'the writers ran at the same time');
    assert.ok(!fs.existsSync(`${file}.lock`));
  });
});
