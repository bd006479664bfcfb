/**
 * Row filters: the `using` condition of a `row_filter` block, parsed with the Postgres parser after
 * its `{placeholders}` are replaced by parameters, checked against the table's columns, and bound to
 * a session's attributes as literals.
 */
import type { TextRange } from '../protocol/findings';
import { type PgNode, parseExpression } from '../sql/pgParser';
import type { TableSchema } from '../sql/schema';
import type { PolicyString } from './policyModel';
import { placeholderNames } from './policyModel';
import { isKnownSafeFunction, functionName } from './safeFunctions';

/** A row filter ready to bind: its AST with placeholders as `$n` parameters. */
export interface CompiledFilter {
  ast: PgNode;
  /** Placeholder names by parameter number. */
  placeholders: Map<number, string>;
  /** The columns it reads. */
  columns: Set<string>;
}

/** A problem in a filter, with its range in the policy file. */
export interface FilterProblem {
  code: 'CG-POLICY-FILTER-SYNTAX' | 'CG-POLICY-UNKNOWN-PLACEHOLDER' | 'CG-POLICY-UNKNOWN-COLUMN' | 'CG-POLICY-FILTER-UNSAFE';
  message: string;
  range: TextRange;
}

const placeholderPattern = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Parses and checks a filter's condition. `table` is absent when the schema does not know the table. */
export function compileFilter(using: PolicyString, table: TableSchema | undefined): { filter?: CompiledFilter; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const rangeOf = (start: number, end: number): TextRange => ({ start: using.positionOf(start), end: using.positionOf(end) });
  // Replace each {name} by $n, remembering where each character of the new text came from.
  const placeholders = new Map<number, string>();
  const numbers = new Map<string, number>();
  let sql = '';
  const origin: number[] = [];
  let last = 0;
  for (const match of using.value.matchAll(placeholderPattern)) {
    const at = match.index ?? 0;
    for (let i = last; i < at; i++) origin.push(i);
    sql += using.value.slice(last, at);
    const name = match[1];
    if (!(placeholderNames as readonly string[]).includes(name)) {
      problems.push({
        code: 'CG-POLICY-UNKNOWN-PLACEHOLDER',
        message: `unknown placeholder {${name}}: use one of ${placeholderNames.map((p) => `{${p}}`).join(', ')}`,
        range: rangeOf(at, at + match[0].length),
      });
    }
    let number = numbers.get(name);
    if (number === undefined) {
      number = numbers.size + 1;
      numbers.set(name, number);
      placeholders.set(number, name);
    }
    const parameter = `$${number}`;
    for (let i = 0; i < parameter.length; i++) origin.push(at);
    sql += parameter;
    last = at + match[0].length;
  }
  for (let i = last; i <= using.value.length; i++) origin.push(i);
  sql += using.value.slice(last);
  if (using.value.trim() === '') {
    problems.push({ code: 'CG-POLICY-FILTER-SYNTAX', message: 'the row filter is empty', range: using.range });
    return { problems };
  }
  const parsed = parseExpression(sql);
  if (!parsed.ast) {
    const at = origin[Math.min(parsed.error?.offset ?? 0, origin.length - 1)] ?? 0;
    const end = Math.min(using.value.length, at + Math.max(1, tokenLength(using.value, at)));
    problems.push({
      code: 'CG-POLICY-FILTER-SYNTAX',
      message: `the row filter does not parse as a SQL condition: ${parsed.error?.message ?? 'unknown error'}`,
      range: rangeOf(at, end),
    });
    return { problems };
  }
  const columns = new Set<string>();
  const ast = parsed.ast;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as PgNode;
    const keys = Object.keys(node);
    if (keys.length === 1 && /^[A-Z]/.test(keys[0])) {
      const type = keys[0];
      const body = node[type] as Record<string, unknown>;
      const location = typeof body.location === 'number' ? locationToValue(body.location) : undefined;
      const here = location === undefined ? using.range : rangeOf(location, location + 1);
      if (type === 'ColumnRef') {
        const fields = (body.fields as PgNode[] | undefined) ?? [];
        const names = fields.map((f) => (f.String as { sval?: string } | undefined)?.sval);
        const column = names[names.length - 1];
        const qualifierOk = names.length === 1 || (names.length === 2 && table !== undefined && names[0] === table.name);
        if (!column || !qualifierOk) {
          problems.push({ code: 'CG-POLICY-FILTER-UNSAFE', message: `a row filter may read only its table's own columns, written without a qualifier`, range: here });
        } else {
          columns.add(column);
          if (table && !table.columns.some((c) => c.name === column)) {
            const columnAt = location ?? 0;
            problems.push({
              code: 'CG-POLICY-UNKNOWN-COLUMN',
              message: `table ${table.name} has no column \`${column}\` (its columns: ${table.columns.map((c) => c.name).join(', ')})`,
              range: rangeOf(columnAt + (names.length === 2 ? (names[0]?.length ?? 0) + 1 : 0), columnAt + names.join('.').length),
            });
          }
        }
        return;
      }
      if (type === 'SubLink' || type === 'SelectStmt') {
        problems.push({ code: 'CG-POLICY-FILTER-UNSAFE', message: 'a row filter may not contain a subquery: it may read only its own table', range: here });
        return;
      }
      if (type === 'FuncCall' && !isKnownSafeFunction(body)) {
        problems.push({ code: 'CG-POLICY-FILTER-UNSAFE', message: `function ${functionName(body)} is not known to be free of side effects`, range: here });
      }
      visit(body);
      return;
    }
    for (const key of keys) visit(node[key]);
  };
  // Locations are byte offsets into `SELECT 1 WHERE <sql>`; map them back to the condition as written.
  const prefixBytes = Buffer.byteLength('SELECT 1 WHERE ');
  const sqlBytes = Buffer.from(sql, 'utf8');
  const locationToValue = (location: number): number => {
    const sqlOffset = sqlBytes.subarray(0, Math.max(0, location - prefixBytes)).toString('utf8').length;
    return origin[Math.min(sqlOffset, origin.length - 1)] ?? 0;
  };
  visit(ast);
  return { filter: { ast, placeholders, columns }, problems };
}

function tokenLength(text: string, at: number): number {
  const match = /^[A-Za-z0-9_]+|^\S/.exec(text.slice(at));
  return match ? match[0].length : 1;
}
