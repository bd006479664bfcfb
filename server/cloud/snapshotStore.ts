/**
 * Snapshot files on disk. A snapshot is written to a temporary file beside its destination, flushed
 * to disk, then renamed over the destination, and the folder is flushed too: a reader sees the old
 * snapshot or the new one, never half of one, and a crash or a failed import leaves the last good
 * snapshot in place.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { snapshotFormatName, snapshotFormatVersion, type CloudSnapshot } from '../protocol/snapshot';
import { describeJson } from '../report/describeJson';

/**
 * Writes `snapshot` to `filePath` atomically (creating the folder). Refuses a snapshot in which no
 * call succeeded: such an import read nothing, and replacing a good snapshot with it would lose
 * the user's last view of the estate.
 */
export async function writeSnapshotAtomically(filePath: string, snapshot: CloudSnapshot): Promise<void> {
  if (!snapshotIsUsable(snapshot)) {
    throw new Error(`Not writing ${filePath}: the import read nothing (every call failed; see its gaps). The previous snapshot is kept.`);
  }
  const dir = path.dirname(path.resolve(filePath));
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(snapshot, null, 2)}\n`, 'utf8');
    await handle.sync();
    await handle.close();
    await fs.rename(temp, filePath);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Flushing a folder makes the rename itself durable. Some platforms (Windows) cannot open a
  // folder for this; there the rename is as durable as the file system makes it.
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // See above: not supported here.
  } finally {
    await handle?.close();
  }
}

/** True when at least one call of the import returned data. */
export function snapshotIsUsable(snapshot: CloudSnapshot): boolean {
  return snapshot.stats.succeededCalls > 0 && snapshot.identities.length > 0;
}

/**
 * The file name of a connection's snapshot: `aws-123456789012.json`, `azure-<subscription>.json`,
 * or the connection's label when it has one (`aws-production.json`). One file per connection, so
 * each import replaces that connection's last snapshot and nothing else.
 */
export function snapshotFileName(snapshot: CloudSnapshot, connectionLabel?: string): string {
  const accounts = snapshot.identities.map((i) => i.account);
  const key = connectionLabel ?? (accounts.length === 1 ? accounts[0] : accounts.length > 1 ? `${accounts.length}-accounts` : 'unknown');
  const safe = String(key)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${snapshot.provider}-${safe || 'unknown'}.json`;
}

/** Reads and checks a snapshot file; the error says which file and what is wrong with it. */
export async function readSnapshot(filePath: string): Promise<CloudSnapshot> {
  return parseSnapshot(await fs.readFile(filePath, 'utf8'), filePath);
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with one resource of a snapshot, or undefined when its shape is sound. */
function resourceProblem(r: unknown): string | undefined {
  if (!isRecord(r)) return 'is not an object';
  for (const key of ['id', 'type', 'provider', 'nativeType', 'name', 'account', 'region'] as const) if (!isText(r[key])) return `has no text "${key}"`;
  if (r.provider !== 'aws' && r.provider !== 'azure') return `has provider ${JSON.stringify(r.provider)} (aws or azure)`;
  if (r.zone !== undefined && !isText(r.zone)) return 'has a "zone" that is not text';
  if (r.parent !== undefined && !isText(r.parent)) return 'has a "parent" that is not text';
  if (!isRecord(r.tags) || !Object.values(r.tags).every(isText)) return 'has "tags" that are not text values';
  if (!isRecord(r.attributes)) return 'has no "attributes" object';
  if (!Array.isArray(r.relations) || !r.relations.every((x) => isRecord(x) && isText(x.kind) && isText(x.to))) return 'has "relations" that are not { kind, to } pairs';
  return undefined;
}

/**
 * Checks a snapshot's text. A snapshot Cartograph wrote is always sound, so one that is not was
 * edited or damaged: the error names the file and the first thing wrong (which resource, which
 * field), and nothing of it is used.
 */
export function parseSnapshot(text: string, filePath: string): CloudSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${filePath} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const s = data as Partial<CloudSnapshot> | null;
  if (!s || typeof s !== 'object' || s.format !== snapshotFormatName) throw new Error(`${filePath} is not a Cartograph snapshot (no "format": "${snapshotFormatName}").`);
  if (s.version !== snapshotFormatVersion) {
    throw new Error(`${filePath} is a version ${describeJson(s.version)} snapshot; this Cartograph reads version ${snapshotFormatVersion}. Import again to refresh it.`);
  }
  if (!Array.isArray(s.resources) || !Array.isArray(s.gaps) || !Array.isArray(s.identities)) {
    throw new Error(`${filePath} is incomplete: it lacks resources, gaps or identities.`);
  }
  if (!isText(s.importedAt) || !Array.isArray(s.regions) || !s.regions.every(isText)) throw new Error(`${filePath} is damaged: "importedAt" or "regions" is missing or not text.`);
  for (let i = 0; i < s.resources.length; i++) {
    const problem = resourceProblem(s.resources[i]);
    if (problem) throw new Error(`${filePath} is damaged: resource ${i}${isRecord(s.resources[i]) && isText((s.resources[i] as { id?: unknown }).id) ? ` (${(s.resources[i] as { id: string }).id})` : ''} ${problem}.`);
  }
  return s as CloudSnapshot;
}
