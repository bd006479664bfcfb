/**
 * Small builders and readers for the Postgres AST as libpg-query returns it (every node wrapped in
 * an object with one key, its type: `{ ColumnRef: { fields: [...] } }`).
 */
import { type PgNode, parseTrusted } from '../sql/pgParser';
import type { MaskFunction } from './policyModel';

/**
 * A node's type: the one key of a wrapper object whose name starts with a capital letter (struct
 * fields of the AST are lower-case), or undefined for a plain struct, a list or a scalar. These
 * readers run several times per node of every previewed query, so they allocate nothing.
 */
export function nodeType(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  let type: string | undefined;
  for (const key in value) {
    if (type !== undefined) return undefined;
    type = key;
  }
  if (type === undefined) return undefined;
  const first = type.charCodeAt(0);
  if (first < 65 || first > 90) return undefined;
  const body = (value as Record<string, unknown>)[type];
  return body !== null && typeof body === 'object' ? type : undefined;
}

/** A node's type and body, or undefined for a plain struct, a list or a scalar. */
export function unwrap(value: unknown): { type: string; body: Record<string, unknown> } | undefined {
  const type = nodeType(value);
  return type === undefined ? undefined : { type, body: (value as Record<string, unknown>)[type] as Record<string, unknown> };
}

/** The body of a node of one type, or undefined. */
export function bodyOf<T = Record<string, unknown>>(value: unknown, type: string): T | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const body = (value as Record<string, unknown>)[type];
  // A capitalised key is only ever a node wrapper's one key, so finding it is enough.
  return body !== null && typeof body === 'object' ? (body as T) : undefined;
}

/** The string values of a list of `String` nodes; `*` for an `A_Star`. */
export function names(fields: unknown): (string | undefined)[] {
  if (!Array.isArray(fields)) return [];
  const result: (string | undefined)[] = new Array(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as Record<string, unknown> | null;
    const string = bodyOf<{ sval?: string }>(field, 'String');
    result[i] = string ? string.sval : bodyOf(field, 'A_Star') ? '*' : undefined;
  }
  return result;
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

/** The conjunction of conditions, flat: an operand that is itself an AND gives its operands. */
export function and(conditions: PgNode[]): PgNode {
  if (conditions.length === 1) return conditions[0];
  const args: unknown[] = [];
  for (const condition of conditions) {
    const bool = bodyOf<{ boolop?: string; args?: unknown[] }>(condition, 'BoolExpr');
    if (bool?.boolop === 'AND_EXPR' && bool.args) args.push(...bool.args);
    else args.push(condition);
  }
  return { BoolExpr: { boolop: 'AND_EXPR', args } };
}

/** The conjuncts of a condition: `a AND (b AND c)` gives a, b, c. */
export function conjuncts(condition: unknown, into: unknown[] = []): unknown[] {
  const bool = bodyOf<{ boolop?: string; args?: unknown[] }>(condition, 'BoolExpr');
  if (bool?.boolop === 'AND_EXPR') {
    for (const arg of bool.args ?? []) conjuncts(arg, into);
  } else if (condition !== undefined) into.push(condition);
  return into;
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
  const param = bodyOf<{ number?: number }>(tree, 'ParamRef');
  if (param) {
    const replacement = replace(param.number as number);
    if (replacement) return clone(replacement);
  }
  const out: Record<string, unknown> = {};
  for (const key in tree) out[key] = replaceParams((tree as Record<string, unknown>)[key], replace);
  return out;
}

/** Freezes a tree of plain objects and arrays, for subtrees shared between rewritten queries. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

/** Builds a mask expression around one column reference. */
type Template = (column: PgNode) => PgNode;

const maskTemplates = new Map<string, Template>();

/**
 * A mask expression, parsed once, as a builder: it makes new only the nodes on the way to a `$1`
 * hole and shares the rest, a frozen tree, among every query that uses the mask.
 */
function template(sql: string): Template {
  let compiled = maskTemplates.get(sql);
  if (!compiled) {
    const select = parseTrusted(`SELECT ${sql}`)[0].SelectStmt as { targetList: { ResTarget: { val: PgNode } }[] };
    compiled = builder(deepFreeze(select.targetList[0].ResTarget.val)) as Template;
    maskTemplates.set(sql, compiled);
  }
  return compiled;
}

/** A function from the column to a copy of `value` with its holes filled; undefined when `value` has no hole. */
function builder(value: unknown): ((column: PgNode) => unknown) | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (bodyOf(value, 'ParamRef')) return (column) => column;
  if (Array.isArray(value)) {
    const parts = value.map((v) => builder(v));
    if (parts.every((p) => p === undefined)) return undefined;
    return (column) => value.map((v, i) => (parts[i] ? parts[i](column) : v));
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const parts = keys.map((k) => builder(record[k]));
  if (parts.every((p) => p === undefined)) return undefined;
  return (column) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const part = parts[i];
      out[keys[i]] = part ? part(column) : record[keys[i]];
    }
    return out;
  };
}

/**
 * The expression that shows a masked column: the column reference wrapped in the mask function.
 * These are the definitions of the masks (docs/policy-format.md):
 *   redact      '***' (NULL stays NULL, as an outer join's missing row must)
 *   partial(N)  the last N characters, padded on the left with one `*` for each character before them
 *   hash        the SHA-256 hex digest of the value's text (UTF-8)
 *   null        NULL of the column's type
 */
export function maskExpression(fn: MaskFunction, column: PgNode, typeName: PgNode): PgNode {
  if (fn.name === 'null') return { TypeCast: { arg: { A_Const: { isnull: true } }, typeName: clone(typeName) } };
  // A policy's mask functions live as long as the policy: each finds its builder without building its SQL again.
  let build = maskBuilders.get(fn);
  if (!build) {
    build = template(maskSql(fn));
    maskBuilders.set(fn, build);
  }
  return build(column);
}

const maskBuilders = new WeakMap<MaskFunction, Template>();

function maskSql(fn: Exclude<MaskFunction, { name: 'null' }>): string {
  switch (fn.name) {
    case 'redact':
      return `CASE WHEN $1 IS NOT NULL THEN '***'::text END`;
    case 'partial':
      return `lpad(right($1::text, ${fn.showLast}), length($1::text), '*')`;
    case 'hash':
      return `encode(sha256(convert_to($1::text, 'UTF8')), 'hex')`;
  }
}
