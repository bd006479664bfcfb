/**
 * The data-policy model: what `*.policy.hcl` files declare (docs/policy-format.md describes the
 * format). Every name keeps the file and range it was written at, for diagnostics, hover and
 * completion.
 */
import type { Finding, TextPosition, TextRange } from '../protocol/findings';

/** Who is behind a session: a person, or an AI agent acting for one. */
export type PrincipalKind = 'human' | 'agent';

export const principalKinds: readonly PrincipalKind[] = ['human', 'agent'];

/** The roles every policy knows without declaring them. */
export const predeclaredRoles = ['Owner', 'Admin', 'Analyst', 'Auditor', 'Developer', 'ServiceAccount'] as const;

/** The session attributes a row filter may use as `{name}`. */
export const placeholderNames = ['user_id', 'org_id', 'agent_id', 'agent_framework', 'department', 'region'] as const;

/** How a masked column's value is shown. */
export type MaskFunction =
  | { name: 'redact' }
  | { name: 'partial'; showLast: number }
  | { name: 'hash' }
  | { name: 'null' };

/** A value as written in a policy file, with where it was written. */
export interface Located<T> {
  value: T;
  file: string;
  range: TextRange;
}

/** A string attribute's value with the position in the file of each of its characters. */
export interface PolicyString extends Located<string> {
  /** The file position of the character at `index` of `value` (`value.length` gives the end). */
  positionOf(index: number): TextPosition;
}

/** `role "Name" { … }`, or one of the predeclared roles. */
export interface RoleDeclaration {
  name: string;
  /** Absent for a predeclared role that no file declares. */
  declared?: Located<string>;
  /** The whole block. */
  blockRange?: TextRange;
  inherits: Located<string>[];
  /** The principal kinds that may take the role; absent means both. */
  kinds?: Located<string>[];
  description?: string;
}

/** `row_filter "name" { using = "…" }` inside a table block. */
export interface RowFilterRule {
  table: string;
  name: Located<string>;
  blockRange: TextRange;
  using?: PolicyString;
  /** The roles it applies to (and the roles inheriting them); absent means every role. */
  roles?: Located<string>[];
  /** Roles (and the roles inheriting them) it does not apply to. */
  exempt: Located<string>[];
  /** The principal kinds it applies to; absent means both. */
  kinds?: Located<string>[];
  description?: string;
}

/** The mask of one column for one principal kind, or for both. */
export interface MaskVariant {
  /** The function as written, e.g. `partial(4)`. */
  functionText?: Located<string>;
  /** The parsed function; absent when the text names no known function. */
  fn?: MaskFunction;
  exempt?: Located<string>[];
}

/** `mask "column" { function = "…" }` inside a table block. */
export interface MaskRule {
  table: string;
  column: Located<string>;
  blockRange: TextRange;
  base: MaskVariant;
  /** `human { … }` and `agent { … }` blocks: what differs for that kind. */
  byKind: Partial<Record<PrincipalKind, MaskVariant & { range: TextRange }>>;
  description?: string;
}

/** `table "name" { … }`. */
export interface TableRule {
  name: Located<string>;
  blockRange: TextRange;
  /** Overrides the file's tenant key for this table; an empty string means the table is not tenant-scoped. */
  tenantKey?: Located<string>;
  /** The roles that may read the table (and the roles inheriting them); absent means every role. */
  readers?: Located<string>[];
  filters: RowFilterRule[];
  masks: MaskRule[];
  description?: string;
}

/** One parsed policy file. */
export interface PolicyFile {
  path: string;
  text: string;
  /** Syntax errors and misshapen blocks or attributes. */
  findings: Finding[];
  roles: RoleDeclaration[];
  tables: TableRule[];
  tenantKey?: Located<string>;
  crossTenantJoins?: Located<string>;
}

/** The policy of a workspace: every policy file, merged. */
export interface Policy {
  files: PolicyFile[];
  /** Predeclared and declared roles by name. */
  roles: Map<string, RoleDeclaration>;
  /** Table blocks by table name; one table may be described in several files. */
  tables: Map<string, TableRule[]>;
  /** The column that names a row's tenant, e.g. `org_id`; absent when the workspace has no tenants. */
  tenantKey?: string;
  /** Whether a query may join rows of different tenants. */
  crossTenantJoins: 'deny' | 'allow';
  /**
   * The first syntax error of a policy file, when one does not parse: what follows it may be lost or
   * misread, so nothing is previewed until it is fixed.
   */
  broken?: { file: string; line: number; message: string };
}

/** The session a query is previewed in: a role, a principal kind and the placeholders' values. */
export interface PreviewSession {
  role: string;
  kind: PrincipalKind;
  attributes: Readonly<Record<string, string>>;
}

/** Parses a mask function as written (`redact`, `partial(4)`, `hash`, `null`). */
export function parseMaskFunction(text: string): MaskFunction | undefined {
  const trimmed = text.trim();
  if (trimmed === 'redact' || trimmed === 'hash' || trimmed === 'null') return { name: trimmed };
  const partial = /^partial\s*\(\s*(\d{1,3})\s*\)$/.exec(trimmed);
  if (partial) return { name: 'partial', showLast: Number(partial[1]) };
  if (trimmed === 'partial') return { name: 'partial', showLast: 4 };
  return undefined;
}

/** A mask function as written in policy files. */
export function maskFunctionText(fn: MaskFunction): string {
  return fn.name === 'partial' ? `partial(${fn.showLast})` : fn.name;
}

/** What a mask function does, in words. */
export function describeMaskFunction(fn: MaskFunction): string {
  switch (fn.name) {
    case 'redact':
      return 'shown as `***`';
    case 'partial':
      return `only the last ${fn.showLast} character${fn.showLast === 1 ? '' : 's'} shown, the rest as \`*\``;
    case 'hash':
      return 'shown as the SHA-256 hex digest of its text';
    case 'null':
      return 'shown as NULL';
  }
}
