/**
 * The tables and columns of a workspace, read from the `CREATE TABLE` statements of its `.sql` files.
 * The policy checker and the rewriter know no table but these: a query that reads any other table is
 * refused, because nothing says whether a policy should protect it.
 */
import type { TextRange } from '../protocol/findings';
import { type PgNode, parseSqlStatements } from './pgParser';
import { TextPositions } from './textPositions';

/** One column of a table. */
export interface ColumnSchema {
  name: string;
  /** The type as a reader writes it, e.g. `numeric(10,2)`. */
  type: string;
  /** The type's AST (a `TypeName`), for casts the rewriter writes, e.g. `NULL::numeric(10,2)`. */
  typeName: PgNode;
  /** Where the column is declared. */
  file: string;
  range: TextRange;
}

/** One table of the schema. */
export interface TableSchema {
  /** How policies and messages name it: `orders` in `public`, `sales.orders` in another schema. */
  name: string;
  /** Its Postgres schema, when not `public`. */
  schema?: string;
  /** Its name within that schema. */
  relname: string;
  columns: ColumnSchema[];
  file: string;
  /** The table's name in its `CREATE TABLE` statement. */
  range: TextRange;
  /** The `CREATE TABLE` statement as written, which creates the table in the embedded Postgres. */
  sql: string;
}

/** The workspace's tables by name (Postgres' folded, lower-case name; `schema.table` outside `public`). */
export interface Schema {
  tables: Map<string, TableSchema>;
}

/** A SQL file of the workspace. */
export interface SqlSource {
  path: string;
  text: string;
}

interface CreateStmt {
  relation?: { relname?: string; schemaname?: string; location?: number };
  tableElts?: PgNode[];
  inhRelations?: unknown[];
  partbound?: unknown;
  ofTypename?: unknown;
}

interface ColumnDef {
  colname?: string;
  typeName?: { names?: PgNode[]; typmods?: PgNode[]; arrayBounds?: unknown[] };
  location?: number;
}

/** Reads the tables of every `CREATE TABLE` in the given files; a later definition of a table replaces an earlier one. */
export function schemaFromSql(sources: readonly SqlSource[]): Schema {
  const tables = new Map<string, TableSchema>();
  for (const source of sources) {
    const positions = new TextPositions(source.text);
    for (const statement of parseSqlStatements(source.text, positions)) {
      const create = statement.ast?.CreateStmt as CreateStmt | undefined;
      if (!create?.relation?.relname) continue;
      const schemaName = create.relation.schemaname;
      if (schemaName === 'information_schema' || schemaName?.startsWith('pg_')) continue;
      // Partitions and typed tables take their columns from elsewhere; their parent is what queries read.
      if (create.partbound !== undefined || create.ofTypename !== undefined) continue;
      const statementPositions = new TextPositions(statement.text);
      const at = (location: number | undefined, length: number): TextRange => {
        const start = statement.start + statementPositions.offsetOfByte(location ?? 0);
        return positions.range(start, start + length);
      };
      const columns: ColumnSchema[] = [];
      for (const element of create.tableElts ?? []) {
        const column = element.ColumnDef as ColumnDef | undefined;
        if (!column?.colname || !column.typeName) continue;
        columns.push({
          name: column.colname,
          type: typeText(column.typeName),
          typeName: column.typeName as PgNode,
          file: source.path,
          range: at(column.location, column.colname.length),
        });
      }
      const relname = create.relation.relname;
      const name = tableKey(schemaName, relname);
      const schema = name === relname ? undefined : schemaName;
      tables.set(name, { name, ...(schema ? { schema } : {}), relname, columns, file: source.path, range: at(create.relation.location, name.length), sql: statement.text });
    }
  }
  return { tables };
}

const typeAliases: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  bpchar: 'char',
  timestamptz: 'timestamptz',
};

/** A type as a reader writes it. */
export function typeText(typeName: ColumnDef['typeName']): string {
  const names = (typeName?.names ?? []).map((n) => (n.String as { sval?: string } | undefined)?.sval ?? '').filter((n) => n !== 'pg_catalog');
  const base = names.join('.');
  const mods = (typeName?.typmods ?? []).map((m) => {
    const constant = m.A_Const as { ival?: { ival?: number } } | undefined;
    return String(constant?.ival?.ival ?? 0);
  });
  const arrays = '[]'.repeat(typeName?.arrayBounds?.length ?? 0);
  return `${typeAliases[base] ?? base}${mods.length ? `(${mods.join(',')})` : ''}${arrays}`;
}

/** How the schema names a table: `orders` in `public` (or unqualified), `sales.orders` elsewhere. */
export function tableKey(schemaName: string | undefined, relname: string): string {
  return schemaName === undefined || schemaName === 'public' ? relname : `${schemaName}.${relname}`;
}

/** A column of a table, by name. */
export function columnOf(table: TableSchema, name: string): ColumnSchema | undefined {
  return table.columns.find((c) => c.name === name);
}
