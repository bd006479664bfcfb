/**
 * Seed rows for the preview: the `INSERT` statements of the workspace's seed `.sql` files (files
 * without queries), and CSV files named after a table (`customers.csv`, with a header row of column
 * names) beside the schema.
 */
import { type Schema, type SqlSource, type TableSchema, tableKey } from './schema';
import { parseSqlStatements, type SqlStatement } from './pgParser';

/** Statements that fill the embedded Postgres, in the order they run. */
export interface SeedData {
  statements: string[];
  /** The files they came from, for messages. */
  files: string[];
}

interface InsertStmt {
  relation?: { relname?: string; schemaname?: string };
  selectStmt?: { SelectStmt?: { valuesLists?: unknown[] } };
}

/** Statements that make a file a file of queries, whose INSERTs are queries too, never seed rows. */
const queryStatements = new Set(['SelectStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/** Whether a file's statements hold a query: else it is a schema or seed file (CREATE, INSERT…). */
export function holdsQueries(statements: readonly SqlStatement[]): boolean {
  return statements.some((s) => s.ast !== undefined && queryStatements.has(Object.keys(s.ast)[0]));
}

/**
 * The `INSERT … VALUES` statements into tables of the schema, from seed files: files that hold no
 * query. A file with a SELECT, UPDATE, DELETE or MERGE is one the user previews, and an INSERT in it
 * is a statement to preview (and refuse), not a row to load. Other statements are ignored.
 */
export function seedFromSql(sources: readonly SqlSource[], schema: Schema): SeedData {
  const seed: SeedData = { statements: [], files: [] };
  for (const source of sources) {
    let found = false;
    const statements = parseSqlStatements(source.text);
    if (holdsQueries(statements)) continue;
    for (const statement of statements) {
      const insert = statement.ast?.InsertStmt as InsertStmt | undefined;
      const relname = insert?.relation?.relname;
      if (!relname || !schema.tables.has(tableKey(insert?.relation?.schemaname, relname))) continue;
      // Only literal rows: an INSERT … SELECT could run anything.
      if (!insert?.selectStmt?.SelectStmt?.valuesLists) continue;
      seed.statements.push(statement.text);
      found = true;
    }
    if (found) seed.files.push(source.path);
  }
  return seed;
}

/** An `INSERT` for the rows of a CSV file whose first line names the table's columns. */
export function seedFromCsv(table: string, csv: string, schema: Schema): string | undefined {
  const known = schema.tables.get(table);
  if (!known) return undefined;
  const rows = parseCsv(csv).filter((r) => r.length > 1 || (r.length === 1 && r[0] !== ''));
  if (rows.length < 2) return undefined;
  const header = rows[0].map((h) => h.trim());
  const columns = header.filter((h) => known.columns.some((c) => c.name === h));
  if (columns.length !== header.length) return undefined;
  const values = rows.slice(1).map((row) => `(${header.map((_, i) => (row[i] === undefined || row[i] === '' ? 'NULL' : quoteLiteral(row[i]))).join(', ')})`);
  return `INSERT INTO ${qualifiedName(known)} (${columns.map(quoteIdent).join(', ')}) VALUES\n  ${values.join(',\n  ')}`;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A SQL string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A table's name for SQL: `orders`, or `sales.orders` outside `public`. */
export function qualifiedName(table: TableSchema): string {
  return table.schema ? `${quoteIdent(table.schema)}.${quoteIdent(table.relname)}` : quoteIdent(table.relname);
}

/** A SQL identifier, quoted only when it must be. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
