/**
 * Small builders and readers for the Postgres AST as libpg-query returns it (every node wrapped in
 * an object with one key, its type: `{ ColumnRef: { fields: [...] } }`).
 */
import { type PgNode, parseTrusted } from '../sql/pgParser';
import type { MaskFunction } from './policyModel';

/** A node's type and body, or undefined for a plain struct, a list or a scalar. */
export function unwrap(value: unknown): { type: string; body: Record<string, unknown> } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !/^[A-Z]/.test(keys[0])) return undefined;
  const body = (value as Record<string, unknown>)[keys[0]];
  if (body === null || typeof body !== 'object') return undefined;
  return { type: keys[0], body: body as Record<string, unknown> };
}

/** The body of a node of one type, or undefined. */
export function bodyOf<T = Record<string, unknown>>(value: unknown, type: string): T | undefined {
  const node = unwrap(value);
  return node?.type === type ? (node.body as T) : undefined;
}

/** The string values of a list of `String` nodes; `*` for an `A_Star`. */
export function names(fields: unknown): (string | undefined)[] {
  if (!Array.isArray(fields)) return [];
  return fields.map((f) => {
    const node = unwrap(f);
    if (node?.type === 'String') return node.body.sval as string | undefined;
    if (node?.type === 'A_Star') return '*';
    return undefined;
  });
}

export function stringNode(value: string): PgNode {
  return { String: { sval: value } };
}

export function columnRef(...parts: string[]): PgNode {
  return { ColumnRef: { fields: parts.map(stringNode) } };
}

export function stringConst(value: string): PgNode {
  return { A_Const: { sval: { sval: value } } };
}

export function and(conditions: PgNode[]): PgNode {
  if (conditions.length === 1) return conditions[0];
  return { BoolExpr: { boolop: 'AND_EXPR', args: conditions } };
}

/** The conjuncts of a condition: `a AND (b AND c)` gives a, b, c. */
export function conjuncts(condition: unknown): unknown[] {
  const bool = bodyOf<{ boolop?: string; args?: unknown[] }>(condition, 'BoolExpr');
  if (bool?.boolop === 'AND_EXPR') return (bool.args ?? []).flatMap(conjuncts);
  return condition === undefined ? [] : [condition];
}

/** Deep copy of a tree of plain objects, arrays and scalars (several times faster than structuredClone). */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = clone((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Replaces every `$1` parameter in a tree by a copy of `replacement`. */
export function replaceParams(tree: unknown, replace: (n: number) => PgNode | undefined): unknown {
  if (Array.isArray(tree)) return tree.map((t) => replaceParams(t, replace));
  if (tree === null || typeof tree !== 'object') return tree;
  const node = unwrap(tree);
  if (node?.type === 'ParamRef') {
    const replacement = replace(node.body.number as number);
    if (replacement) return clone(replacement);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) out[key] = replaceParams(value, replace);
  return out;
}

const maskTemplates = new Map<string, PgNode>();

function template(sql: string): PgNode {
  let node = maskTemplates.get(sql);
  if (!node) {
    const select = parseTrusted(`SELECT ${sql}`)[0].SelectStmt as { targetList: { ResTarget: { val: PgNode } }[] };
    node = select.targetList[0].ResTarget.val;
    maskTemplates.set(sql, node);
  }
  return node;
}

/**
 * The expression that shows a masked column: the column reference wrapped in the mask function.
 * These are the definitions of the masks (docs/policy-format.md):
 *   redact      '***' (NULL stays NULL, as an outer join's missing row must)
 *   partial(N)  the last N characters, each one before them as `*`
 *   hash        the SHA-256 hex digest of the value's text (UTF-8)
 *   null        NULL of the column's type
 */
export function maskExpression(fn: MaskFunction, column: PgNode, typeName: PgNode): PgNode {
  switch (fn.name) {
    case 'redact':
      return replaceParams(template(`CASE WHEN $1 IS NULL THEN NULL ELSE '***'::text END`), () => column) as PgNode;
    case 'partial': {
      const n = fn.showLast;
      return replaceParams(template(`repeat('*', greatest(length($1::text) - ${n}, 0)) || right($1::text, ${n})`), () => column) as PgNode;
    }
    case 'hash':
      return replaceParams(template(`encode(sha256(convert_to($1::text, 'UTF8')), 'hex')`), () => column) as PgNode;
    case 'null':
      return { TypeCast: { arg: { A_Const: { isnull: true } }, typeName: clone(typeName) } };
  }
}
