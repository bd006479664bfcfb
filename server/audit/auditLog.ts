/**
 * Cartograph's tamper-evident audit log: an append-only JSON-lines file in which every entry
 * carries the SHA-256 hash of the entry before it and its own hash over a canonical serialisation.
 * The format is described in docs/audit-log.md; `verifyAuditLog` checks it.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type FileLockOptions, lockPathFor, withFileLock } from './auditLock';
import { redactPii } from './redact';

/** The sensitive actions Cartograph records. */
export type AuditAction =
  | 'connection.added'
  | 'connection.edited'
  | 'connection.removed'
  | 'import.completed'
  | 'import.failed'
  | 'policy.previewed'
  | 'suppression.added';

export const auditActions: readonly AuditAction[] = [
  'connection.added',
  'connection.edited',
  'connection.removed',
  'import.completed',
  'import.failed',
  'policy.previewed',
  'suppression.added',
];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type AuditDetails = { [key: string]: JsonValue };

/** Who acted: the operating-system user and, in VS Code, `vscode.env.machineId`. */
export interface AuditActor {
  user: string;
  machineId?: string;
}

export interface AuditEntry {
  /** The format version; a reader that meets another version must not guess. */
  v: 1;
  /** 1 for the first entry, then one more per entry: a gap or a repeat shows a deletion or a reorder. */
  seq: number;
  /** When the entry was written, as `Date.prototype.toISOString` prints it (UTC). */
  time: string;
  action: AuditAction;
  actor: AuditActor;
  /** What was done, with personal data and secrets already replaced by `[REDACTED:<kind>]`. */
  details: AuditDetails;
  /** The previous entry's `hash`; 64 zeros for the first entry. */
  prevHash: string;
  /** SHA-256 (hex) of the canonical serialisation of this entry without `hash`. */
  hash: string;
}

export interface AuditEntryInput {
  action: AuditAction;
  actor: AuditActor;
  details: AuditDetails;
}

export const auditFormatVersion = 1;
export const genesisHash = '0'.repeat(64);

/** The log's location when neither the caller nor `$CARTOGRAPH_AUDIT_LOG` names one (the CLI's default). */
export function defaultAuditLogPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CARTOGRAPH_AUDIT_LOG;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : path.join(os.homedir(), '.cartograph', 'audit.jsonl');
}

/** The operating-system user running this process, plus the editor's machine id when there is one. */
export function currentActor(machineId?: string): AuditActor {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    // os.userInfo throws when the uid has no passwd entry (some containers).
    user = process.env.USER ?? process.env.USERNAME ?? `uid ${process.getuid?.() ?? 'unknown'}`;
  }
  return machineId === undefined ? { user } : { user, machineId };
}

/** Raised when the log cannot be appended to because its end is damaged; nothing is written. */
export class AuditLogCorruptError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Cannot append to the audit log ${file}: ${detail}. Run \`cartograph audit verify ${file}\` to see where it is broken.`);
    this.name = 'AuditLogCorruptError';
  }
}

/**
 * Redacts `details`, chains a new entry to the last one in `file` and appends it with one write and
 * an fsync, under the cross-process lock. Returns the entry as written.
 */
export async function appendAuditEntry(file: string, input: AuditEntryInput, lockOptions?: FileLockOptions): Promise<AuditEntry> {
  if (!auditActions.includes(input.action)) throw new TypeError(`Unknown audit action '${String(input.action)}'`);
  if (typeof input.actor?.user !== 'string') throw new TypeError('An audit entry needs an actor with a user name');
  const actor: AuditActor =
    input.actor.machineId === undefined ? { user: input.actor.user } : { user: input.actor.user, machineId: input.actor.machineId };
  const details = redactDetails(toPlainJson(input.details));
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return withFileLock(lockPathFor(file), () => appendUnderLock(file, input.action, actor, details), lockOptions);
}

function appendUnderLock(file: string, action: AuditAction, actor: AuditActor, details: AuditDetails): AuditEntry {
  const fd = fs.openSync(file, 'a+', 0o600);
  try {
    const size = fs.fstatSync(fd).size;
    const head = size === 0 ? { seq: 0, hash: genesisHash } : readHead(file, fd, size);
    const unhashed: Omit<AuditEntry, 'hash'> = {
      v: auditFormatVersion,
      seq: head.seq + 1,
      time: new Date().toISOString(),
      action,
      actor,
      details,
      prevHash: head.hash,
    };
    const entry: AuditEntry = { ...unhashed, hash: sha256Hex(canonicalJson(unhashed)) };
    writeAll(fd, Buffer.from(`${canonicalJson(entry)}\n`, 'utf8'));
    fs.fsyncSync(fd);
    if (size === 0) syncDirectory(path.dirname(path.resolve(file)));
    return entry;
  } finally {
    fs.closeSync(fd);
  }
}

/** The sequence number and hash of the last entry, read from the end of the file. */
function readHead(file: string, fd: number, size: number): { seq: number; hash: string } {
  const last = readLastLine(fd, size);
  if (last === undefined) throw new AuditLogCorruptError(file, 'its last line is incomplete (the file was cut during a write)');
  let value: unknown;
  try {
    value = JSON.parse(last);
  } catch {
    throw new AuditLogCorruptError(file, 'its last line is not JSON');
  }
  const problem = entryShapeProblem(value);
  if (problem !== undefined) throw new AuditLogCorruptError(file, `its last entry is malformed (${problem})`);
  const entry = value as AuditEntry;
  return { seq: entry.seq, hash: entry.hash };
}

/** The file's last line without its newline, or undefined when the file does not end with one. */
function readLastLine(fd: number, size: number): string | undefined {
  const newline = 0x0a;
  let window = Math.min(size, 64 * 1024);
  for (;;) {
    const buffer = Buffer.alloc(window);
    const read = fs.readSync(fd, buffer, 0, window, size - window);
    if (read !== window) throw new Error(`Short read at the end of the audit log (${read} of ${window} bytes)`);
    if (buffer[window - 1] !== newline) return undefined;
    const start = buffer.lastIndexOf(newline, window - 2);
    if (start >= 0 || window === size) return buffer.toString('utf8', start + 1, window - 1);
    window = Math.min(size, window * 4);
  }
}

function writeAll(fd: number, data: Buffer): void {
  // One write suffices for a regular file; the loop only guards against a short write, and the
  // lock keeps any continuation from interleaving with another writer.
  let offset = 0;
  while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
}

/** Makes a new file's directory entry durable; not possible (and not needed) on Windows. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort: the entry itself is already on disk.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * JSON with object keys sorted by UTF-16 code units at every level and no whitespace. For the
 * values an entry holds (strings, finite numbers, booleans, null, arrays, plain objects) this is
 * the JSON Canonicalization Scheme of RFC 8785, and it survives a `JSON.parse` round trip.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot serialise ${value} in an audit entry`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      if (record[key] === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new TypeError(`Cannot serialise a ${typeof value} in an audit entry`);
}

export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash an entry should carry: over its canonical serialisation without `hash`. */
export function computeEntryHash(entry: Readonly<Record<string, unknown>>): string {
  const rest: Record<string, unknown> = { ...entry };
  delete rest.hash;
  return sha256Hex(canonicalJson(rest));
}

const hexHash = /^[0-9a-f]{64}$/;

/** Why a parsed line is not an audit entry, or undefined when it has every field with the right type. */
export function entryShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const e = value as Record<string, unknown>;
  if (e.v !== auditFormatVersion) return `format version ${JSON.stringify(e.v)} is not ${auditFormatVersion}`;
  if (typeof e.seq !== 'number' || !Number.isSafeInteger(e.seq) || e.seq < 1) return '`seq` is not a positive integer';
  if (typeof e.time !== 'string') return '`time` is not a string';
  if (typeof e.action !== 'string') return '`action` is not a string';
  const actor = e.actor;
  if (typeof actor !== 'object' || actor === null || typeof (actor as Record<string, unknown>).user !== 'string') return '`actor.user` is missing';
  if (typeof e.details !== 'object' || e.details === null || Array.isArray(e.details)) return '`details` is not an object';
  if (typeof e.prevHash !== 'string' || !hexHash.test(e.prevHash)) return '`prevHash` is not 64 hex digits';
  if (typeof e.hash !== 'string' || !hexHash.test(e.hash)) return '`hash` is not 64 hex digits';
  return undefined;
}

/**
 * Key names whose values are secrets whatever they look like (a password need not match any
 * pattern). Compared after lower-casing and removing `_`, `-` and `.`.
 */
const secretKeySuffixes = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'accesskey', 'accountkey', 'privatekey', 'connectionstring', 'credential', 'credentials', 'sastoken', 'sas'];

function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[-_.]/g, '');
  // `accessKeyId` names an identifier, not a secret; the text patterns still catch AKIA… values.
  return secretKeySuffixes.some((suffix) => normal.endsWith(suffix));
}

/**
 * Replaces personal data and secrets in every string of `value`, keys included, and every value
 * under a key that names a secret. Two keys that become equal once redacted are both kept.
 */
export function redactDetails(value: AuditDetails): AuditDetails {
  return redactObject(value);
}

function redactObject(record: { [key: string]: JsonValue }): { [key: string]: JsonValue } {
  const out: [string, JsonValue][] = [];
  const seen = new Set<string>();
  for (const [key, child] of Object.entries(record)) {
    let redactedKey = redactPii(key);
    for (let n = 2; seen.has(redactedKey); n++) redactedKey = `${redactPii(key)} (${n})`;
    seen.add(redactedKey);
    out.push([redactedKey, isSecretKey(key) ? redactSecretValue(child) : redactValue(child)]);
  }
  // Object.fromEntries defines own properties, so a `__proto__` key stays data.
  return Object.fromEntries(out);
}

function redactValue(value: JsonValue): JsonValue {
  if (typeof value === 'string') return redactPii(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') return redactObject(value);
  return value;
}

function redactSecretValue(value: JsonValue): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(redactSecretValue);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactPii(k), redactSecretValue(v)]));
  return '[REDACTED:secret]';
}

/**
 * Turns whatever the caller passed into plain JSON data, as `JSON.stringify` would (dates become
 * strings, `undefined` disappears), so that the hash written is the hash a reader recomputes.
 */
function toPlainJson(details: AuditDetails): AuditDetails {
  const text = JSON.stringify(details);
  const value: unknown = text === undefined ? {} : JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('Audit details must be a JSON object');
  return value as AuditDetails;
}
