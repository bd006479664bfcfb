/**
 * A cross-process lock for the audit log: two VS Code windows are two extension hosts, and the
 * CLI may run beside them, so an in-process mutex is not enough. The lock is a file created with
 * O_EXCL (`wx`), which the operating system creates for exactly one caller. Node has no flock(),
 * and O_EXCL works the same on every platform and on most network file systems.
 *
 * A lock whose holder died (a crashed window) must not block the log forever: a lock is stale when
 * its process is gone (same host, `kill(pid, 0)` fails with ESRCH) or when it is older than
 * `staleMs`. Removing a stale lock is itself guarded by a second O_EXCL file (`<lock>.break`), and
 * staleness is judged again under it, so two waiters cannot both remove the lock and so remove
 * the fresh lock one of them just took.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface FileLockOptions {
  /** A lock older than this is taken to belong to a hung or dead process (default 10 s). */
  staleMs?: number;
  /** How long to wait for the lock before giving up (default 30 s). */
  timeoutMs?: number;
}

/** What the holder writes into the lock file, so that others can judge whether it is stale. */
interface LockOwner {
  pid: number;
  host: string;
  token: string;
  acquiredAt: string;
}

export class FileLockTimeoutError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: string,
  ) {
    super(`Timed out waiting for the lock ${lockPath} (held by ${holder}). If no Cartograph process is running, delete the file.`);
    this.name = 'FileLockTimeoutError';
  }
}

const defaultStaleMs = 10_000;
const defaultTimeoutMs = 30_000;

/** The lock file that guards `file`. */
export function lockPathFor(file: string): string {
  return `${file}.lock`;
}

/**
 * Runs `critical` while holding the lock at `lockPath`. `critical` is synchronous on purpose: the
 * lock must not be held across an await, where an unrelated task could stall it past `staleMs`.
 */
export async function withFileLock<T>(lockPath: string, critical: () => T, options: FileLockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? defaultStaleMs;
  const deadline = Date.now() + (options.timeoutMs ?? defaultTimeoutMs);
  let attempt = 0;
  for (;;) {
    const token = tryCreateLock(lockPath);
    if (token !== undefined) {
      try {
        return critical();
      } finally {
        releaseLock(lockPath, token);
      }
    }
    const state = inspectLock(lockPath, staleMs);
    if (state.kind === 'gone') continue;
    if (state.kind === 'stale' && breakStaleLock(lockPath, staleMs)) continue;
    if (Date.now() > deadline) throw new FileLockTimeoutError(lockPath, state.kind === 'held' ? state.holder : 'a stale lock that could not be removed');
    // Short random waits: the critical section lasts about a millisecond, and jitter keeps
    // two waiters from retrying in lockstep.
    attempt++;
    await sleep(Math.min(1 + attempt, 8) * Math.random() + 0.5);
  }
}

/** Creates the lock file if no one holds it; returns the token written into it, or undefined. */
function tryCreateLock(lockPath: string): string | undefined {
  const owner: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    token: crypto.randomBytes(12).toString('hex'),
    acquiredAt: new Date().toISOString(),
  };
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return undefined;
    if (errorCode(error) === 'ENOENT') {
      fs.mkdirSync(path.dirname(lockPath), { recursive: true });
      return tryCreateLock(lockPath);
    }
    throw error;
  }
  try {
    fs.writeSync(fd, JSON.stringify(owner));
  } finally {
    fs.closeSync(fd);
  }
  return owner.token;
}

/** Removes the lock only if it is still ours: if it was broken as stale, it may now be someone else's. */
function releaseLock(lockPath: string, token: string): void {
  const owner = readOwner(lockPath);
  if (owner === undefined || owner.token !== token) return;
  try {
    fs.unlinkSync(lockPath);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

type LockState = { kind: 'gone' } | { kind: 'stale' } | { kind: 'held'; holder: string };

function inspectLock(lockPath: string, staleMs: number): LockState {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(lockPath);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  if (Date.now() - stat.mtimeMs > staleMs) return { kind: 'stale' };
  const owner = readOwner(lockPath);
  // An empty lock file is one whose creator has not written its owner yet; only age can judge it.
  if (owner === undefined) return { kind: 'held', holder: 'a process that is starting to write' };
  if (owner.host === os.hostname() && !processAlive(owner.pid)) return { kind: 'stale' };
  return { kind: 'held', holder: `process ${owner.pid} on ${owner.host} since ${owner.acquiredAt}` };
}

/** Removes the lock if it is still stale once this process alone may judge it; says whether it is gone. */
function breakStaleLock(lockPath: string, staleMs: number): boolean {
  const breaker = `${lockPath}.break`;
  let fd: number;
  try {
    fd = fs.openSync(breaker, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    // A breaker lives for a few system calls; an old one was left by a process that died in them.
    removeIfOlderThan(breaker, staleMs);
    return false;
  }
  try {
    const state = inspectLock(lockPath, staleMs);
    if (state.kind === 'stale') {
      try {
        fs.unlinkSync(lockPath);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
      return true;
    }
    return state.kind === 'gone';
  } finally {
    fs.closeSync(fd);
    fs.rmSync(breaker, { force: true });
  }
}

function removeIfOlderThan(file: string, ageMs: number): void {
  try {
    if (Date.now() - fs.statSync(file).mtimeMs > ageMs) fs.rmSync(file, { force: true });
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

function readOwner(lockPath: string): LockOwner | undefined {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, host, token, acquiredAt } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof token !== 'string' || typeof acquiredAt !== 'string') return undefined;
    return { pid, host, token, acquiredAt };
  } catch {
    return undefined;
  }
}

/** Whether a process with this id exists; EPERM means it exists but belongs to another user. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
