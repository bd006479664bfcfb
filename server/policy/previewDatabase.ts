/**
 * The embedded Postgres of the preview (PGlite, Postgres 18 in WebAssembly). It starts once (about
 * 3 s) and is reused: each workspace's schema and seed rows are loaded when they change, and every
 * preview statement runs in a transaction that is rolled back, so an UPDATE or DELETE shows what it
 * would change without changing the seed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Schema } from '../sql/schema';
import { quoteIdent, type SeedData } from '../sql/seedData';

/** A JSON value, as rows are printed and sent to the preview panel. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The rows a statement returned, or the error Postgres raised. */
export interface StatementRows {
  columns: string[];
  rows: Record<string, JsonValue>[];
  /** Rows changed by an UPDATE or DELETE (rolled back afterwards). */
  rowCount?: number;
  /** More rows than `maxRows` came back; only the first ones are kept. */
  truncated?: boolean;
  error?: string;
}

/** At most this many rows of one statement are kept for display. */
export const maxRows = 200;

/** Finds a file PGlite ships: beside the bundle (dist/), else in its npm package. */
function pgliteAsset(file: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', '@electric-sql', 'pglite', 'dist', file);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`Cannot find PGlite's ${file}: run \`npm ci\` in the Cartograph folder`);
}

export class PreviewDatabase {
  private loadedFingerprint: string | undefined;
  /** The schemas other than `public` that the loaded tables live in, dropped at the next load. */
  private loadedSchemas: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: PGlite) {}

  /** Starts an in-memory Postgres. */
  static async start(): Promise<PreviewDatabase> {
    const { PGlite } = await import('@electric-sql/pglite');
    // The modules are compiled here, from files found beside the bundle or in the package, rather
    // than by PGlite from URLs relative to its own module, which a CommonJS bundle does not have.
    const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<never> } }).WebAssembly;
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
      wasm.compile(fs.readFileSync(pgliteAsset('pglite.wasm'))),
      wasm.compile(fs.readFileSync(pgliteAsset('initdb.wasm'))),
    ]);
    const fsBundle = new Blob([fs.readFileSync(pgliteAsset('pglite.data'))]);
    // Seed rows are few: Postgres' default 128 MB of shared buffers would only make the server's
    // resident memory larger (about 140 MB) and its start slower.
    const db = await PGlite.create({ pgliteWasmModule, initdbWasmModule, fsBundle, postgresqlconf: ['shared_buffers = 16MB'] });
    return new PreviewDatabase(db);
  }

  /** The underlying database, for tests that set up row-level security themselves. */
  get pglite(): PGlite {
    return this.db;
  }

  /**
   * Makes the database hold exactly this schema and seed. Does nothing when they are what it holds.
   * Returns the errors of statements that failed (a seed row that breaks a constraint, say).
   */
  async load(schema: Schema, seed: SeedData): Promise<string[]> {
    const tables = [...schema.tables.values()];
    const fingerprint = JSON.stringify([tables.map((t) => t.sql), seed.statements]);
    if (fingerprint === this.loadedFingerprint) return [];
    return this.exclusive(async () => {
      const errors: string[] = [];
      const schemas = [...new Set(tables.flatMap((t) => (t.schema ? [t.schema] : [])))];
      const drop = [...new Set([...this.loadedSchemas, ...schemas])].map((s) => `DROP SCHEMA IF EXISTS ${quoteIdent(s)} CASCADE;`).join(' ');
      await this.db.exec(`${drop} DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; ${schemas.map((s) => `CREATE SCHEMA ${quoteIdent(s)};`).join(' ')}`);
      this.loadedSchemas = schemas;
      // Tables may reference each other in any order: create them without their foreign keys'
      // ordering problems by retrying the ones that failed until no more succeed.
      let pending = tables;
      for (let round = 0; pending.length > 0 && round < tables.length; round++) {
        const failed: typeof tables = [];
        for (const table of pending) {
          try {
            await this.db.exec(table.sql);
          } catch {
            failed.push(table);
          }
        }
        if (failed.length === pending.length) break;
        pending = failed;
      }
      for (const table of pending) {
        try {
          await this.db.exec(table.sql);
        } catch (error) {
          errors.push(`CREATE TABLE ${table.name} (${table.file}): ${messageOf(error)}`);
        }
      }
      for (const statement of seed.statements) {
        try {
          await this.db.exec(statement);
        } catch (error) {
          errors.push(`${statement.split('\n')[0].slice(0, 80)}: ${messageOf(error)}`);
        }
      }
      this.loadedFingerprint = fingerprint;
      return errors;
    });
  }

  /** Runs one statement in a transaction that is rolled back, and returns its rows. */
  async run(sql: string): Promise<StatementRows> {
    return this.exclusive(async () => {
      await this.db.exec('BEGIN');
      try {
        const result = await this.db.query<Record<string, unknown>>(sql);
        const columns = result.fields.map((f) => f.name);
        const rows = result.rows.slice(0, maxRows).map((row) => Object.fromEntries(columns.map((c) => [c, toJson(row[c])])));
        const out: StatementRows = { columns, rows };
        if (result.rows.length > maxRows) out.truncated = true;
        if (result.affectedRows !== undefined && result.fields.length === 0) out.rowCount = result.affectedRows;
        return out;
      } catch (error) {
        return { columns: [], rows: [], error: messageOf(error) };
      } finally {
        await this.db.exec('ROLLBACK');
      }
    });
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** PGlite runs one thing at a time; callers from several previews wait their turn here. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A value as JSON: dates as ISO strings, big integers and bytes as text. */
export function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return String(value);
}
