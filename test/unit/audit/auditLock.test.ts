import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileLockTimeoutError, processAlive, withFileLock } from '../../../server/audit/auditLock';

/** Writes a lock file as another process would have left it, `ageMs` old. */
function plantLock(lockPath: string, pid: number, ageMs = 0, host = os.hostname()): void {
  fs.writeFileSync(lockPath, JSON.stringify({ pid, host, token: 'someone-else', acquiredAt: new Date().toISOString() }));
  if (ageMs > 0) {
    const when = new Date(Date.now() - ageMs);
    fs.utimesSync(lockPath, when, when);
  }
}

/** The id of a process that has exited: a child that ran to completion. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  assert.equal(child.status, 0);
  return child.pid;
}

describe('withFileLock', () => {
  let dir: string;
  let lockPath: string;
  let counter = 0;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-lock-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    lockPath = path.join(dir, `case-${++counter}.lock`);
  });

  it('holds the lock file while the critical section runs, and removes it after', async () => {
    const seen = await withFileLock(lockPath, () => JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number; host: string });
    assert.equal(seen.pid, process.pid);
    assert.equal(seen.host, os.hostname());
    assert.ok(!fs.existsSync(lockPath));
  });

  it('removes the lock even when the critical section throws', async () => {
    await assert.rejects(
      withFileLock(lockPath, () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.ok(!fs.existsSync(lockPath));
  });

  it('takes over a lock whose process has died', async () => {
    const pid = deadPid();
    assert.equal(processAlive(pid), false);
    plantLock(lockPath, pid);
    const started = Date.now();
    assert.equal(await withFileLock(lockPath, () => 'ran', { staleMs: 60_000, timeoutMs: 5_000 }), 'ran');
    assert.ok(Date.now() - started < 2_000, 'without waiting for the lock to age');
  });

  it('takes over a lock older than staleMs, even when its process is alive', async () => {
    plantLock(lockPath, process.pid, 60_000);
    assert.equal(await withFileLock(lockPath, () => 'ran', { staleMs: 10_000, timeoutMs: 5_000 }), 'ran');
  });

  it('takes over an empty lock file once it is old (its creator died before writing its owner)', async () => {
    fs.writeFileSync(lockPath, '');
    const when = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath, when, when);
    assert.equal(await withFileLock(lockPath, () => 'ran', { staleMs: 10_000 }), 'ran');
  });

  it('judges a lock from another host by its age only', async () => {
    plantLock(lockPath, deadPid(), 0, 'another-host.example');
    await assert.rejects(withFileLock(lockPath, () => 'ran', { staleMs: 60_000, timeoutMs: 100 }), FileLockTimeoutError);
  });

  it('waits for a live holder, then gives up naming it', async () => {
    plantLock(lockPath, process.pid);
    await assert.rejects(withFileLock(lockPath, () => 'ran', { timeoutMs: 150 }), (error: unknown) => {
      assert.ok(error instanceof FileLockTimeoutError);
      assert.match(error.message, new RegExp(`process ${process.pid} on `));
      assert.ok(error.message.includes(lockPath));
      return true;
    });
    assert.ok(fs.existsSync(lockPath), "a live holder's lock is left alone");
  });

  it('gets the lock as soon as the holder releases it', async () => {
    plantLock(lockPath, process.pid);
    const waiting = withFileLock(lockPath, () => 'ran', { timeoutMs: 10_000 });
    fs.unlinkSync(lockPath);
    assert.equal(await waiting, 'ran');
  });

  it('removes a breaker file left by a process that died while breaking a lock', async () => {
    plantLock(lockPath, deadPid());
    const breaker = `${lockPath}.break`;
    fs.writeFileSync(breaker, '');
    const when = new Date(Date.now() - 60_000);
    fs.utimesSync(breaker, when, when);
    assert.equal(await withFileLock(lockPath, () => 'ran', { staleMs: 10_000, timeoutMs: 5_000 }), 'ran');
    assert.ok(!fs.existsSync(breaker));
  });

  it("does not remove a lock that is no longer its own when it finishes", async () => {
    // As if this holder had stalled past staleMs and another process had broken and retaken the lock.
    await withFileLock(lockPath, () => plantLock(lockPath, process.pid));
    assert.ok(fs.existsSync(lockPath));
  });

  it('creates the folder of the lock', async () => {
    const nested = path.join(dir, 'a', 'b', 'c.lock');
    assert.equal(await withFileLock(nested, () => 1), 1);
  });
});
