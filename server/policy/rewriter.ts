/**
 * The policy rewriter: takes one statement's Postgres AST and a session's rules, and returns the
 * statement that reads only what the session may see.
 *
 *  - Row filters are injected into every read of a protected table: into WHERE for a table in the
 *    FROM list or an inner join, into ON for a table on the nullable side of an outer join, into a
 *    derived table for a side of a FULL join; in subqueries, CTEs, set operations, UPDATE and DELETE.
 *    Placeholders are bound as literals from the session's attributes.
 *  - Masked columns are wrapped in their mask wherever their value is read (select list, WHERE, ON,
 *    GROUP BY, HAVING, ORDER BY, function arguments, RETURNING); `SELECT *` is expanded from the
 *    schema when it covers a masked column.
 *  - A join that can mix tenants is refused, and so is anything the rewriter cannot prove safe:
 *    tables the schema does not know, functions not known to be free of side effects, statements
 *    other than SELECT, UPDATE and DELETE, constructs it does not understand.
 *
 * The result is either a rewritten AST or a refusal, never the statement passed through.
 */
import type { PgNode } from '../sql/pgParser';
import { deparseStatement } from '../sql/pgParser';
import { type TableSchema, tableKey } from '../sql/schema';
import { roleClosure } from './buildPolicy';
import { and, bodyOf, clone, columnRef, conjuncts, deepFreeze, maskExpression, names, nodeType, replaceParams, stringConst, unwrap } from './astBuilders';
import { maskFunctionText } from './policyModel';
import { functionName, isKnownSafeFunction } from './safeFunctions';
import type { SessionRules, TableAccess } from './sessionRules';

/** A rule the rewriter applied to a statement. */
export type AppliedRule =
  | { kind: 'row_filter'; table: string; alias: string; name: string; condition: string; why: string }
  | { kind: 'mask'; table: string; column: string; function: string; why: string };

/** Why a statement was refused, with the byte offset in the statement of the construct at fault. */
export interface Refusal {
  code: 'CG-SQL-REFUSED' | 'CG-SQL-CROSS-TENANT';
  reason: string;
  location?: number;
}

/** The outcome of rewriting one statement. */
export interface RewriteResult {
  ast?: PgNode;
  refused?: Refusal;
  applied: AppliedRule[];
}

/** Switches that break the rewriter on purpose, to prove that the differential test catches it. */
export interface RewriterFaults {
  /** Skip row filters in subqueries (every query level but the outermost). */
  skipFiltersInSubqueries?: boolean;
  /** Leave masked columns unwrapped in WHERE. */
  skipMasksInWhere?: boolean;
}

/** What a statement without WITH sees, and a scope without USING joins has (never written to). */
const noCtes: ReadonlyMap<string, QueryInfo> = new Map();
const noMerges: ReadonlyMap<string, ScopeItem[]> = new Map();

/** The parts of a function call that hold expressions. */
const functionCallParts = ['args', 'agg_order', 'agg_filter', 'over'];

/** A row filter bound to a session and a reference name; shared by every query of the session. */
interface BoundFilter {
  name: string;
  /** Why the filter applies to the session (its description, whom it is for, who is exempt). */
  why: string;
  condition: PgNode;
  /** The condition's SQL, as the applied rules list it (deparsed on first use). */
  text?: string;
}

/** Bound filters of a session: table → reference name → filters. */
const boundCache = new WeakMap<SessionRules, Map<string, Map<string, { bound: BoundFilter[]; pinned?: string }>>>();

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

function refuse(reason: string, location?: unknown, code: Refusal['code'] = 'CG-SQL-REFUSED'): never {
  throw new Refused({ code, reason, location: typeof location === 'number' && location >= 0 ? location : undefined });
}

/** What a query level knows about its rows' tenant. */
interface TenantInfo {
  /** Every row belongs to this tenant (a bound literal). */
  pinned?: string;
  /** The output column that carries the tenant key. */
  keyColumn?: string;
  /**
   * Every row belongs to the tenant of this item's row: the level is a subquery correlated on the
   * tenant key with an item of an enclosing level or, LATERAL, with an item to its left.
   */
  sameAs?: ScopeItem;
}

interface QueryInfo {
  /** Output column names, when known. */
  columns?: string[];
  /** Absent when the rows are not tenant-scoped; `unknown` when they are but no key column shows which tenant. */
  tenant?: TenantInfo | 'unknown';
}

/** Where a table's row filter goes. */
type Attach = { kind: 'where' } | { kind: 'on'; join: Record<string, unknown> } | { kind: 'wrap' };

interface ScopeItem {
  refname: string;
  kind: 'table' | 'derived' | 'opaque';
  columns?: string[];
  /** The same names as a set, for a table (tables are read far more often than they change). */
  columnSet?: ReadonlySet<string>;
  table?: TableSchema;
  access?: TableAccess;
  tenant?: TenantInfo | 'unknown';
  /** The RangeVar node (for wrapping a FULL join side) and its parent slot. */
  rangeVar?: Record<string, unknown>;
  replaceRangeVar?: (node: PgNode) => void;
  attach?: Attach;
  location?: number;
  /** The table's row filters bound to the session, ready to inject. */
  bound?: BoundFilter[];
}

interface Scope {
  items: ScopeItem[];
  parent?: Scope;
  ctes: ReadonlyMap<string, QueryInfo>;
  /** Columns merged by USING or NATURAL joins: name → the items joined on it. */
  merged?: Map<string, ScopeItem[]>;
  /** Items of enclosing levels this level's expressions read (correlation). */
  correlated?: Set<ScopeItem>;
  hasUsingJoin: boolean;
  /** The level's output column names, for ORDER BY. */
  outputNames?: (string | undefined)[];
}

interface ResolvedColumn {
  item: ScopeItem;
  column: string;
  level: number;
}

/** Rewrites one statement for a session. Never throws for bad input: a problem is a refusal. */
export function rewriteStatement(ast: PgNode, rules: SessionRules, faults: RewriterFaults = {}, options: { inPlace?: boolean } = {}): RewriteResult {
  const rewriter = new Rewriter(rules, faults);
  try {
    // The rewriter edits the tree; callers that parsed it for this call alone let it edit theirs.
    const copy = options.inPlace ? ast : clone(ast);
    rewriter.statement(copy);
    return { ast: copy, applied: rewriter.applied };
  } catch (error) {
    if (error instanceof Refused) return { refused: error.refusal, applied: [] };
    return { refused: { code: 'CG-SQL-REFUSED', reason: `the rewriter could not handle this statement (${error instanceof Error ? error.message : String(error)})` }, applied: [] };
  }
}

class Rewriter {
  readonly applied: AppliedRule[] = [];
  private appliedKeys: Set<string> | undefined;
  private depth = 0;

  constructor(private readonly rules: SessionRules, private readonly faults: RewriterFaults) {}

  statement(ast: PgNode): void {
    const broken = this.rules.policy.broken;
    if (broken) refuse(brokenPolicyReason(broken));
    const role = this.rules.policy.roles.get(this.rules.session.role);
    if (!role) refuse(`the policy declares no role ${this.rules.session.role}`);
    if (role.kinds && !role.kinds.some((k) => k.value === this.rules.session.kind)) {
      refuse(`role ${role.name} is for ${role.kinds.map((k) => k.value).join(' and ')} principals, not ${this.rules.session.kind}s`);
    }
    const node = unwrap(ast);
    if (!node) refuse('the statement is empty');
    switch (node.type) {
      case 'SelectStmt':
        if (node.body.intoClause) refuse('SELECT INTO creates a table; the preview runs reads only', (node.body.intoClause as { rel?: { location?: number } }).rel?.location);
        this.select(node.body, undefined, noCtes);
        return;
      case 'UpdateStmt':
        this.update(node.body);
        return;
      case 'DeleteStmt':
        this.delete(node.body);
        return;
      default:
        refuse(statementRefusal(node.type));
    }
  }

  // ---- query levels ----------------------------------------------------------------------------

  private select(stmt: Record<string, unknown>, outer: Scope | undefined, ctes: ReadonlyMap<string, QueryInfo>): QueryInfo {
    const visible = this.withClause(stmt.withClause as Record<string, unknown> | undefined, outer, ctes);
    if (stmt.op && stmt.op !== 'SETOP_NONE') return this.setOperation(stmt, outer, visible);
    if (stmt.lockingClause) refuse('SELECT … FOR UPDATE/SHARE locks rows; the preview runs reads only');
    const scope = newScope([], outer, visible);
    if (stmt.valuesLists) {
      this.walk(stmt.valuesLists, scope);
      const first = (stmt.valuesLists as unknown[])[0];
      const width = (bodyOf<{ items?: unknown[] }>(first, 'List')?.items ?? []).length;
      return { columns: Array.from({ length: width }, (_, i) => `column${i + 1}`) };
    }
    const from = (stmt.fromClause as unknown[] | undefined) ?? [];
    from.forEach((item, index) => this.fromItem(item, scope, { kind: 'where' }, (replacement) => (from[index] = replacement)));
    // Tenant equalities are read from the query as written, before masks wrap any column.
    const equalities = this.collectEqualities(stmt.whereClause, from, scope);

    const outputs = this.targetList(stmt, scope);
    scope.outputNames = outputs;
    if (stmt.whereClause !== undefined) stmt.whereClause = this.walk(stmt.whereClause, scope, this.faults.skipMasksInWhere ? 'nomask' : undefined);
    for (const item of from) this.joinQuals(item, scope);
    if (stmt.groupClause) stmt.groupClause = (stmt.groupClause as unknown[]).map((g) => this.groupItem(g, scope));
    if (stmt.havingClause !== undefined) stmt.havingClause = this.walk(stmt.havingClause, scope);
    if (stmt.windowClause) stmt.windowClause = this.walk(stmt.windowClause, scope);
    if (stmt.sortClause) stmt.sortClause = (stmt.sortClause as unknown[]).map((s) => this.sortItem(s, scope));
    if (stmt.distinctClause) stmt.distinctClause = (stmt.distinctClause as unknown[]).map((d) => (d && Object.keys(d).length ? this.sortExpression(d, scope) : d));
    if (stmt.limitCount !== undefined) stmt.limitCount = this.walk(stmt.limitCount, scope);
    if (stmt.limitOffset !== undefined) stmt.limitOffset = this.walk(stmt.limitOffset, scope);
    this.injectFilters(scope, stmt);
    const tenant = this.checkTenants(scope, equalities, stmt.targetList as unknown[] | undefined, outputs);
    return { columns: outputs.every((o) => o !== undefined) ? (outputs as string[]) : undefined, tenant };
  }

  private setOperation(stmt: Record<string, unknown>, outer: Scope | undefined, ctes: ReadonlyMap<string, QueryInfo>): QueryInfo {
    const left = this.select(stmt.larg as Record<string, unknown>, outer, ctes);
    const right = this.select(stmt.rarg as Record<string, unknown>, outer, ctes);
    // ORDER BY and LIMIT of a set operation name output columns, which are already rewritten.
    for (const sort of (stmt.sortClause as unknown[] | undefined) ?? []) {
      const by = bodyOf<{ node?: unknown }>(sort, 'SortBy');
      if (by && !bodyOf(by.node, 'ColumnRef') && !bodyOf(by.node, 'A_Const')) refuse('ORDER BY of a UNION, INTERSECT or EXCEPT may name output columns only');
    }
    if (stmt.lockingClause) refuse('FOR UPDATE/SHARE locks rows; the preview runs reads only');
    return { columns: left.columns, tenant: combineTenants(left, right) };
  }

  private withClause(withClause: Record<string, unknown> | undefined, outer: Scope | undefined, ctes: ReadonlyMap<string, QueryInfo>): ReadonlyMap<string, QueryInfo> {
    if (!withClause) return ctes;
    const visible = new Map(ctes);
    const recursive = withClause.recursive === true;
    for (const entry of (withClause.ctes as unknown[] | undefined) ?? []) {
      const cte = bodyOf<Record<string, unknown>>(entry, 'CommonTableExpr');
      if (!cte) refuse('this WITH entry is not a query');
      const name = cte.ctename as string;
      const query = bodyOf<Record<string, unknown>>(cte.ctequery, 'SelectStmt');
      if (!query) refuse(`WITH ${name} (…) changes data; the preview runs reads and covered UPDATE/DELETE statements only`, cte.location);
      if (query.intoClause) refuse('SELECT INTO creates a table', cte.location);
      const aliases = names(cte.aliascolnames).filter((n): n is string => n !== undefined);
      if (recursive && query.op && query.op !== 'SETOP_NONE') {
        // The recursive term reads the CTE itself: describe it by its first term's output first.
        const self: QueryInfo = { columns: aliases.length ? aliases : outputNamesOf(query.larg as Record<string, unknown>), tenant: 'unknown' };
        const withSelf = new Map(visible);
        withSelf.set(name, self);
        const info = this.select(query, outer, withSelf);
        visible.set(name, { columns: aliases.length ? aliases : info.columns, tenant: info.tenant === undefined ? undefined : 'unknown' });
      } else {
        const info = this.select(query, outer, visible);
        visible.set(name, { columns: aliases.length ? aliases : info.columns, tenant: info.tenant });
      }
    }
    return visible;
  }

  // ---- FROM ------------------------------------------------------------------------------------

  private fromItem(value: unknown, scope: Scope, attach: Attach, replace: (node: PgNode) => void): void {
    const node = unwrap(value);
    if (!node) refuse('the FROM clause holds something the rewriter does not know');
    switch (node.type) {
      case 'RangeVar':
        this.rangeVar(node.body, scope, attach, replace);
        return;
      case 'RangeSubselect': {
        const alias = node.body.alias as { aliasname?: string; colnames?: unknown[] } | undefined;
        const subquery = bodyOf<Record<string, unknown>>(node.body.subquery, 'SelectStmt');
        if (!subquery) refuse('this subquery in FROM is not a SELECT');
        // A LATERAL subquery sees the items to its left; any other sees only enclosing levels.
        const outer = node.body.lateral ? newScope([...scope.items], scope.parent, scope.ctes, scope) : scope.parent;
        this.depth++;
        let info: QueryInfo;
        try {
          info = this.select(subquery, outer, scope.ctes);
        } finally {
          this.depth--;
        }
        const colnames = names(alias?.colnames).filter((n): n is string => n !== undefined);
        const columns = colnames.length ? renameColumns(info.columns, colnames) : info.columns;
        scope.items.push(scopeItem({ refname: alias?.aliasname ?? '', kind: 'derived', columns, tenant: renameTenant(info, columns) }));
        return;
      }
      case 'RangeFunction': {
        for (const entry of (node.body.functions as unknown[] | undefined) ?? []) {
          const list = bodyOf<{ items?: unknown[] }>(entry, 'List')?.items ?? [];
          const call = bodyOf<Record<string, unknown>>(list[0], 'FuncCall');
          if (!call) refuse('a function in FROM must be a plain function call');
          if (!isKnownSafeFunction(call)) refuse(`function ${functionName(call)} is not known to be free of side effects`, call.location);
          list[0] = this.walk(list[0], newScope(node.body.lateral ? [...scope.items] : [], scope.parent, scope.ctes, scope));
        }
        const alias = node.body.alias as { aliasname?: string } | undefined;
        scope.items.push(scopeItem({ refname: alias?.aliasname ?? '', kind: 'opaque' }));
        return;
      }
      case 'JoinExpr': {
        const join = node.body;
        if (join.alias || join.join_using_alias) refuse('a join with an alias of its own hides the tables it joins; name the tables instead');
        const type = join.jointype as string;
        let leftAttach: Attach = attach;
        let rightAttach: Attach = attach;
        const onJoin: Attach = join.usingClause || join.isNatural ? { kind: 'wrap' } : { kind: 'on', join };
        if (type === 'JOIN_LEFT') rightAttach = onJoin;
        else if (type === 'JOIN_RIGHT') leftAttach = onJoin;
        else if (type === 'JOIN_FULL') {
          leftAttach = { kind: 'wrap' };
          rightAttach = { kind: 'wrap' };
        } else if (type !== 'JOIN_INNER') refuse(`a ${type} join is not supported`);
        const before = scope.items.length;
        this.fromItem(join.larg, scope, leftAttach, (n) => (join.larg = n));
        const leftItems = scope.items.slice(before);
        const middle = scope.items.length;
        this.fromItem(join.rarg, scope, rightAttach, (n) => (join.rarg = n));
        const rightItems = scope.items.slice(middle);
        let using = names(join.usingClause).filter((n): n is string => n !== undefined);
        if (join.isNatural) {
          const left = new Set(leftItems.flatMap((i) => i.columns ?? []));
          if (leftItems.some((i) => !i.columns) || rightItems.some((i) => !i.columns)) refuse('a NATURAL join with a function or a subquery of unknown columns');
          using = [...new Set(rightItems.flatMap((i) => i.columns ?? []).filter((c) => left.has(c)))];
        }
        if (using.length) {
          scope.hasUsingJoin = true;
          for (const column of using) {
            const joined = [...leftItems, ...rightItems].filter((i) => hasColumn(i, column));
            scope.merged ??= new Map();
            scope.merged.set(column, [...(scope.merged.get(column) ?? []), ...joined]);
          }
        }
        return;
      }
      default:
        refuse(`${describeNode(node.type)} in FROM is not supported by the rewriter`);
    }
  }

  private rangeVar(rangeVar: Record<string, unknown>, scope: Scope, attach: Attach, replace: (node: PgNode) => void): void {
    const relname = rangeVar.relname as string;
    const schemaname = rangeVar.schemaname as string | undefined;
    const alias = rangeVar.alias as { aliasname?: string; colnames?: unknown[] } | undefined;
    const refname = alias?.aliasname ?? relname;
    if (schemaname === undefined && !rangeVar.catalogname) {
      const cte = lookupCte(scope, relname);
      if (cte) {
        const colnames = names(alias?.colnames).filter((n): n is string => n !== undefined);
        const columns = colnames.length ? renameColumns(cte.columns, colnames) : cte.columns;
        scope.items.push(scopeItem({ refname, kind: 'derived', columns, tenant: renameTenant(cte, columns), location: rangeVar.location as number }));
        return;
      }
    }
    // `sales.orders` is the schema's name for a table outside `public`; its reference name is `orders`.
    const table = rangeVar.catalogname ? undefined : this.rules.schema.tables.get(tableKey(schemaname, relname));
    if (!table) {
      if (rangeVar.catalogname || (schemaname !== undefined && schemaname !== 'public')) {
        refuse(`table ${schemaname}.${relname} is not in the workspace's schema: only tables of CREATE TABLE statements can be previewed`, rangeVar.location);
      }
      refuse(`table ${relname} is not in the workspace's schema (no CREATE TABLE in its .sql files), so nothing says whether a policy protects it`, rangeVar.location);
    }
    const access = this.rules.table(table.name);
    if (access.denied) refuse(access.denied, rangeVar.location);
    if (access.brokenFilters.length) {
      const broken = access.brokenFilters[0];
      refuse(`row filter "${broken.name.value}" on ${table.name} has errors (see ${broken.name.file}); fix it to preview queries that read ${table.name}`, rangeVar.location);
    }
    if (alias?.colnames?.length && (access.masks.size || access.filters.length)) {
      refuse(`renaming the columns of ${table.name} in its alias is not supported for a protected table`, rangeVar.location);
    }
    const { list: columns, set: columnSet } = tableColumns(table);
    // Filters are bound now, so that a correlated subquery that reads this table sees its tenant pinned.
    const { bound, pinned } = this.boundFilters(access, table, refname, rangeVar.location as number);
    let tenant: TenantInfo | undefined;
    if (access.tenantKey && columns.includes(access.tenantKey)) {
      tenant = pinned === undefined ? { keyColumn: access.tenantKey } : { keyColumn: access.tenantKey, pinned };
    }
    scope.items.push(scopeItem({ refname, kind: 'table', columns, columnSet, table, access, tenant, rangeVar, replaceRangeVar: replace, attach, location: rangeVar.location as number, bound }));
  }

  private joinQuals(value: unknown, scope: Scope): void {
    const join = bodyOf<Record<string, unknown>>(value, 'JoinExpr');
    if (!join) return;
    this.joinQuals(join.larg, scope);
    this.joinQuals(join.rarg, scope);
    if (join.quals !== undefined) join.quals = this.walk(join.quals, scope);
  }

  // ---- target list, GROUP BY, ORDER BY ----------------------------------------------------------

  /** Rewrites the select list and returns the output column names (undefined where unknown). */
  private targetList(stmt: Record<string, unknown>, scope: Scope): (string | undefined)[] {
    const list = (stmt.targetList as unknown[] | undefined) ?? [];
    const outputs: (string | undefined)[] = [];
    const rewritten: unknown[] = [];
    {
      for (const entry of list) {
        const target = bodyOf<Record<string, unknown>>(entry, 'ResTarget');
        if (!target) refuse('the select list holds something the rewriter does not know');
        const star = this.starOf(target.val);
        if (star) {
          const expanded = this.expandStar(star.qualifier, scope, star.location);
          if (expanded) {
            rewritten.push(...expanded.targets);
            outputs.push(...expanded.names);
          } else {
            rewritten.push(entry);
            outputs.push(...this.starNames(star.qualifier, scope));
          }
          continue;
        }
        const before = target.val;
        target.val = this.walk(target.val, scope);
        const ref = bodyOf<{ fields?: unknown[] }>(before, 'ColumnRef');
        const column = ref && Array.isArray(ref.fields) ? bodyOf<{ sval?: string }>(ref.fields[ref.fields.length - 1], 'String')?.sval : undefined;
        if (target.name === undefined && column !== undefined && target.val !== before) target.name = column;
        outputs.push((target.name as string | undefined) ?? column ?? implicitName(before));
        rewritten.push(entry);
      }
    }
    if (list.length) stmt.targetList = rewritten;
    return outputs;
  }

  private starOf(value: unknown): { qualifier?: string; location?: number } | undefined {
    const ref = bodyOf<{ fields?: unknown[]; location?: number }>(value, 'ColumnRef');
    if (!ref || !Array.isArray(ref.fields) || !bodyOf(ref.fields[ref.fields.length - 1], 'A_Star')) return undefined;
    const parts = names(ref.fields);
    if (parts.length === 1) return { location: ref.location };
    if (parts.length === 2) return { qualifier: parts[0], location: ref.location };
    if (parts.length === 3) return { qualifier: parts[1], location: ref.location };
    refuse('this star reference is not supported', ref.location);
  }

  /** Expands `*` or `x.*` into columns when it covers a masked column; undefined when it need not. */
  private expandStar(qualifier: string | undefined, scope: Scope, location: number | undefined): { targets: PgNode[]; names: string[] } | undefined {
    const items = qualifier === undefined ? scope.items : scope.items.filter((i) => i.refname === qualifier);
    if (qualifier !== undefined && items.length === 0) return undefined;
    if (!items.some((i) => i.access && i.access.masks.size > 0)) return undefined;
    if (qualifier === undefined && scope.hasUsingJoin) refuse('SELECT * over a USING or NATURAL join that reads a masked column: list the columns instead', location);
    const targets: PgNode[] = [];
    const outputs: string[] = [];
    for (const item of items) {
      if (!item.columns) refuse(`SELECT * over ${item.refname || 'a function'} whose columns are unknown, next to a masked column: list the columns instead`, location);
      for (const column of item.columns) {
        const ref = columnRef(item.refname, column);
        const val = item.access ? this.maskedRef(item, column, ref) : ref;
        targets.push({ ResTarget: { name: column, val } });
        outputs.push(column);
      }
    }
    return { targets, names: outputs };
  }

  private starNames(qualifier: string | undefined, scope: Scope): (string | undefined)[] {
    const items = qualifier === undefined ? scope.items : scope.items.filter((i) => i.refname === qualifier);
    if (items.length === 0) return [undefined];
    const result: (string | undefined)[] = [];
    for (const item of items) {
      if (item.columns) for (const column of item.columns) result.push(column);
      else result.push(undefined);
    }
    return result;
  }

  private groupItem(value: unknown, scope: Scope): unknown {
    // A bare name in GROUP BY is an input column if one has that name, else an output column.
    const ref = bodyOf<{ fields?: unknown[] }>(value, 'ColumnRef');
    if (ref) {
      const parts = names(ref.fields);
      if (parts.length === 1 && parts[0] !== undefined && !this.inputHas(scope, parts[0]) && scope.outputNames?.includes(parts[0])) return value;
    }
    return this.walk(value, scope);
  }

  private sortItem(value: unknown, scope: Scope): unknown {
    const sort = bodyOf<Record<string, unknown>>(value, 'SortBy');
    if (!sort) return this.walk(value, scope);
    sort.node = this.sortExpression(sort.node, scope);
    return value;
  }

  private sortExpression(value: unknown, scope: Scope): unknown {
    // A bare name in ORDER BY names an output column first; the output is already rewritten.
    const ref = bodyOf<{ fields?: unknown[] }>(value, 'ColumnRef');
    if (ref) {
      const parts = names(ref.fields);
      if (parts.length === 1 && parts[0] !== undefined && scope.outputNames?.includes(parts[0])) return value;
    }
    return this.walk(value, scope);
  }

  private inputHas(scope: Scope, column: string): boolean {
    return scope.items.some((i) => hasColumn(i, column));
  }

  // ---- expressions -----------------------------------------------------------------------------

  /** Rewrites an expression tree; returns the (possibly replaced) node. */
  private walk(value: unknown, scope: Scope, mode?: 'nomask'): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.walk(value[i], scope, mode);
      return value;
    }
    const type = nodeType(value);
    if (type === undefined) {
      // A plain struct (a TypeName, a WindowDef's fields): walk its fields.
      const record = value as Record<string, unknown>;
      for (const key in record) record[key] = this.walk(record[key], scope, mode);
      return value;
    }
    const body = (value as Record<string, Record<string, unknown>>)[type];
    switch (type) {
      case 'ColumnRef':
        return this.columnRef(value as PgNode, body, scope, mode);
      case 'SubLink': {
        if (body.testexpr !== undefined) body.testexpr = this.walk(body.testexpr, scope, mode);
        const subquery = bodyOf<Record<string, unknown>>(body.subselect, 'SelectStmt');
        if (!subquery) refuse('this subquery is not a SELECT', body.location);
        this.depth++;
        try {
          this.select(subquery, scope, scope.ctes);
        } finally {
          this.depth--;
        }
        return value;
      }
      case 'FuncCall': {
        if (!isKnownSafeFunction(body)) refuse(`function ${functionName(body)} is not known to be free of side effects, so the preview does not run it`, body.location);
        for (const key of functionCallParts) if (body[key] !== undefined) body[key] = this.walk(body[key], scope, mode);
        return value;
      }
      case 'ParamRef':
        refuse('a query parameter ($n) has no value in the preview; write a literal instead', body.location);
        break;
      case 'A_Const':
      case 'String':
      case 'Integer':
      case 'Float':
      case 'Boolean':
      case 'BitString':
      case 'SQLValueFunction':
      case 'SetToDefault':
        return value;
      // The commonest expressions: only these fields hold expressions (an operator's name, a
      // cast's type and a location hold none).
      case 'A_Expr':
        if (body.lexpr !== undefined) body.lexpr = this.walk(body.lexpr, scope, mode);
        if (body.rexpr !== undefined) body.rexpr = this.walk(body.rexpr, scope, mode);
        return value;
      case 'BoolExpr':
        if (body.args !== undefined) body.args = this.walk(body.args, scope, mode);
        return value;
      case 'NullTest':
      case 'BooleanTest':
      case 'TypeCast':
        if (body.arg !== undefined) body.arg = this.walk(body.arg, scope, mode);
        return value;
      case 'CaseExpr':
      case 'CaseWhen':
      case 'CoalesceExpr':
      case 'MinMaxExpr':
      case 'A_ArrayExpr':
      case 'RowExpr':
      case 'A_Indirection':
      case 'A_Indices':
      case 'CollateClause':
      case 'GroupingFunc':
      case 'GroupingSet':
      case 'SortBy':
      case 'WindowDef':
      case 'List':
      case 'ResTarget':
      case 'MultiAssignRef':
        for (const key in body) body[key] = this.walk(body[key], scope, mode);
        return value;
      case 'TypeName':
        return value;
      default:
        refuse(`${describeNode(type)} is not supported by the rewriter`, body.location);
    }
  }

  private columnRef(node: PgNode, body: Record<string, unknown>, scope: Scope, mode?: 'nomask'): unknown {
    const parts = names(body.fields);
    const location = body.location as number | undefined;
    if (parts.some((p) => p === undefined)) refuse('this column reference is not supported', location);
    if (parts.at(-1) === '*') {
      // `c.*` outside the select list (e.g. `row_to_json(c.*)`): the whole row, masks and all.
      const qualifier = parts.length >= 2 ? parts[parts.length - 2] : undefined;
      const items = qualifier === undefined ? allItems(scope) : findItems(scope, qualifier);
      if (items.some((i) => i.access && i.access.masks.size > 0)) refuse('a whole-row reference to a table with masked columns cannot be masked: name the columns', location);
      return node;
    }
    const resolved = this.resolve(parts as string[], scope, location);
    if (!resolved) return node;
    if (resolved.level > 0) markCorrelated(scope, resolved.item, resolved.level);
    if (mode === 'nomask' || !resolved.item.access) return node;
    return this.maskedRef(resolved.item, resolved.column, node);
  }

  private maskedRef(item: ScopeItem, column: string, ref: PgNode): PgNode {
    const mask = item.access?.masks.get(column);
    if (!mask || !item.table) return ref;
    const columnSchema = item.table.columns.find((c) => c.name === column);
    if (!columnSchema) return ref;
    this.note(`mask:${item.table.name}.${column}`, { kind: 'mask', table: item.table.name, column, function: maskFunctionText(mask.fn), why: mask.why });
    return maskExpression(mask.fn, ref, columnSchema.typeName);
  }

  /** Finds which item a column reference reads, innermost level first. */
  private resolve(parts: string[], scope: Scope, location: number | undefined): ResolvedColumn | undefined {
    if (parts.length > 3) refuse(`column reference ${parts.join('.')} is not supported`, location);
    const column = parts[parts.length - 1];
    const qualifier = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    let level = 0;
    for (let s: Scope | undefined = scope; s; s = s.parent, level++) {
      if (qualifier !== undefined) {
        let item: ScopeItem | undefined;
        for (const candidate of s.items) {
          if (candidate.refname !== qualifier) continue;
          // `sales.orders.total` names the schema too.
          if (parts.length === 3 && (candidate.table?.schema ?? 'public') !== parts[0]) continue;
          if (item) refuse(`table name ${qualifier} is used twice in one FROM clause`, location);
          item = candidate;
        }
        if (item) {
          if (item.kind === 'table' && !hasColumn(item, column)) return undefined;
          return { item, column, level };
        }
        continue;
      }
      let single: ScopeItem | undefined;
      let count = 0;
      for (const candidate of s.items) {
        if (hasColumn(candidate, column)) {
          single = candidate;
          count++;
        }
      }
      if (count === 1 && single) return { item: single, column, level };
      if (count > 1) {
        const candidates = s.items.filter((i) => hasColumn(i, column));
        const merged = s.merged?.get(column);
        if (merged && candidates.every((c) => merged.includes(c))) {
          if (candidates.some((c) => c.access?.masks.has(column))) refuse(`column ${column} is joined with USING and masked: qualify it with its table`, location);
          return undefined;
        }
        refuse(`column reference ${column} is ambiguous`, location);
      }
      const whole = s.items.find((i) => i.refname === column);
      if (whole) {
        if (whole.access && whole.access.masks.size > 0) refuse(`a whole-row reference to ${column}, which has masked columns, cannot be masked: name the columns`, location);
        return undefined;
      }
    }
    return undefined;
  }

  // ---- row filters -----------------------------------------------------------------------------

  /** Injects the row filters of a level's tables; those that go into WHERE go into `stmt`'s. */
  private injectFilters(scope: Scope, stmt: Record<string, unknown>): void {
    const whereConditions: PgNode[] = [];
    for (const item of scope.items) {
      if (item.kind !== 'table' || !item.access || !item.table) continue;
      if (this.faults.skipFiltersInSubqueries && this.depth > 0) continue;
      const conditions: PgNode[] = [];
      for (const b of item.bound ?? []) {
        // Every read of a protected table is listed, each time it is read.
        b.text ??= deparseCondition(b.condition);
        this.applied.push({ kind: 'row_filter', table: item.table.name, alias: item.refname, name: b.name, condition: b.text, why: b.why });
        conditions.push(b.condition);
      }
      if (conditions.length === 0) continue;
      const condition = and(conditions);
      const attach = item.attach ?? { kind: 'where' };
      if (attach.kind === 'where') whereConditions.push(condition);
      else if (attach.kind === 'on') {
        const join = attach.join;
        join.quals = join.quals === undefined ? condition : and([condition, join.quals as PgNode]);
      } else {
        // A side of a FULL join (or a USING join) keeps its unmatched rows whatever ON says: filter
        // the table before the join, in a derived table of the same name.
        // The table's own RangeVar moves inside, under the name the query reads it by (its alias, or
        // the table's name written as an alias); the derived table takes its place outside.
        const rangeVar = item.rangeVar as Record<string, unknown>;
        rangeVar.alias = { aliasname: item.refname };
        const inner = { SelectStmt: { targetList: [{ ResTarget: { val: { ColumnRef: { fields: [{ A_Star: {} }] } } } }], fromClause: [{ RangeVar: rangeVar }], whereClause: condition, limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } };
        item.replaceRangeVar?.({ RangeSubselect: { subquery: inner, alias: { aliasname: item.refname } } });
      }
    }
    if (whereConditions.length) stmt.whereClause = and(stmt.whereClause === undefined ? whereConditions : [...whereConditions, stmt.whereClause as PgNode]);
  }

  /** A table's filters bound for a reference name; the same for every query of a session, so kept. */
  private boundFilters(access: TableAccess, table: TableSchema, refname: string, location: number): { bound: BoundFilter[]; pinned?: string } {
    let tables = boundCache.get(this.rules);
    if (!tables) {
      tables = new Map();
      boundCache.set(this.rules, tables);
    }
    let cache = tables.get(table.name);
    if (!cache) {
      cache = new Map();
      tables.set(table.name, cache);
    }
    let entry = cache.get(refname);
    if (!entry) {
      const bound = access.filters.map((f) => ({ name: f.rule.name.value, why: f.why, condition: this.bindFilter(f.rule.name.value, f.compiled.ast, f.compiled.placeholders, refname, table, location) }));
      // Every query of the session shares these trees (the rewriter never edits what it injects,
      // and its callers only deparse): frozen, so that an edit cannot leak into the next query.
      for (const b of bound) deepFreeze(b.condition);
      entry = { bound, pinned: pinnedTenant(bound.map((b) => b.condition), refname, access.tenantKey) };
      cache.set(refname, entry);
    }
    return entry;
  }

  private bindFilter(name: string, ast: PgNode, placeholders: Map<number, string>, refname: string, table: TableSchema, location: number | undefined): PgNode {
    const bound = replaceParams(ast, (n) => {
      const placeholder = placeholders.get(n) ?? '?';
      const value = this.rules.session.attributes[placeholder];
      if (value === undefined) {
        refuse(`row filter "${name}" on ${table.name} needs {${placeholder}}: set the session attribute ${placeholder} (--attr ${placeholder}=…)`, location);
      }
      return stringConst(value);
    });
    return qualifyColumns(bound, refname) as PgNode;
  }

  private note(key: string, rule: AppliedRule): void {
    this.appliedKeys ??= new Set();
    if (this.appliedKeys.has(key)) return;
    this.appliedKeys.add(key);
    this.applied.push(rule);
  }

  // ---- tenants ---------------------------------------------------------------------------------

  private collectEqualities(where: unknown, from: unknown[], scope: Scope): [ResolvedColumn | string, ResolvedColumn | string][] {
    const pairs: [ResolvedColumn | string, ResolvedColumn | string][] = [];
    const conditions = conjuncts(where);
    for (const item of from) joinConditions(item, conditions);
    for (const condition of conditions) {
      const expr = bodyOf<Record<string, unknown>>(condition, 'A_Expr');
      if (!expr || expr.kind !== 'AEXPR_OP' || !isEqualsOperator(expr.name)) continue;
      const left = this.equalitySide(expr.lexpr, scope);
      if (left === undefined) continue;
      const right = this.equalitySide(expr.rexpr, scope);
      if (right !== undefined) pairs.push([left, right]);
    }
    // USING (tenant_key) equates the tenant keys of both sides.
    for (const [column, items] of scope.merged ?? noMerges) {
      for (let i = 1; i < items.length; i++) pairs.push([{ item: items[0], column, level: 0 }, { item: items[i], column, level: 0 }]);
    }
    return pairs;
  }

  /** One side of an `=`: the column it reads, the constant it is, or undefined. */
  private equalitySide(value: unknown, scope: Scope): ResolvedColumn | string | undefined {
    if (bodyOf(value, 'ColumnRef')) return this.columnRead(value, scope);
    const constant = bodyOf<Record<string, unknown>>(value, 'A_Const');
    if (constant) return constantText(constant);
    const cast = bodyOf<{ arg?: unknown }>(value, 'TypeCast');
    if (cast) return this.equalitySide(cast.arg, scope);
    return undefined;
  }

  /** The column a plain column reference reads; undefined for anything else, a star, or a name that does not resolve. */
  private columnRead(value: unknown, scope: Scope): ResolvedColumn | undefined {
    const ref = bodyOf<{ fields?: unknown[] }>(value, 'ColumnRef');
    if (!ref) return undefined;
    const parts = names(ref.fields);
    if (parts.some((p) => p === undefined || p === '*')) return undefined;
    try {
      return this.resolve(parts as string[], scope, undefined);
    } catch {
      return undefined;
    }
  }

  private checkTenants(scope: Scope, equalities: [ResolvedColumn | string, ResolvedColumn | string][], targetList: unknown[] | undefined, outputs: (string | undefined)[]): TenantInfo | 'unknown' | undefined {
    const involved: ScopeItem[] = [];
    for (const item of scope.items) if (item.tenant !== undefined) involved.push(item);
    const localCount = involved.length;
    if (scope.correlated) for (const item of scope.correlated) if (item.tenant !== undefined) involved.push(item);
    if (involved.length === 0) return undefined;
    const local = involved.slice(0, localCount);
    // Union-find over tenant-scoped items (objects) and tenant literals (strings).
    const sets = new TenantSets();
    for (const item of involved) {
      if (item.tenant && item.tenant !== 'unknown' && item.tenant.pinned !== undefined) sets.union(item, item.tenant.pinned);
      if (item.tenant && item.tenant !== 'unknown' && item.tenant.sameAs !== undefined) sets.union(item, item.tenant.sameAs);
    }
    for (const [a, b] of equalities) {
      if (isTenantKey(a) && isTenantKey(b)) sets.union(a.item, b.item);
      else if (isTenantKey(a) && typeof b === 'string') sets.union(a.item, b);
      else if (isTenantKey(b) && typeof a === 'string') sets.union(b.item, a);
    }
    // The set of the first item, and whether every item is in it.
    const firstRoot = sets.find(involved[0]);
    let oneSet = true;
    for (let i = 1; i < involved.length && oneSet; i++) oneSet = sets.find(involved[i]) === firstRoot;
    const denied = this.rules.policy.crossTenantJoins === 'deny' && this.rules.policy.tenantKey !== undefined;
    if (denied && involved.length > 1) {
      const unknown = involved.find((i) => i.tenant === 'unknown');
      if (unknown) {
        refuse(
          `${describeItem(unknown)} is tenant-scoped but shows no ${this.rules.policy.tenantKey} column, so this join could mix tenants: select ${this.rules.policy.tenantKey} in it and join on it`,
          unknown.location,
          'CG-SQL-CROSS-TENANT',
        );
      }
      if (!oneSet) {
        const first = involved[0];
        const other = involved.find((i) => sets.find(i) !== sets.find(first)) as ScopeItem;
        const key = this.rules.policy.tenantKey;
        const keyOf = (i: ScopeItem): string => (i.tenant && i.tenant !== 'unknown' ? (i.tenant.keyColumn ?? key ?? '') : (key ?? ''));
        refuse(
          `cross-tenant join: ${describeItem(first)} and ${describeItem(other)} are not joined on ${key}, and ${this.rules.session.role} can read more than one tenant's rows of them; add ${first.refname}.${keyOf(first)} = ${other.refname}.${keyOf(other)}`,
          other.location ?? first.location,
          'CG-SQL-CROSS-TENANT',
        );
      }
    }
    // What the level's output says about its tenant.
    const root = oneSet ? firstRoot : undefined;
    let pinned: string | undefined;
    if (root !== undefined) {
      for (const item of involved) {
        if (item.tenant && item.tenant !== 'unknown' && item.tenant.pinned !== undefined && sets.find(item) === root) pinned = item.tenant.pinned;
      }
      for (const [a, b] of equalities) {
        if (typeof b === 'string' && isTenantKey(a) && sets.find(a.item) === root) pinned = b;
        if (typeof a === 'string' && isTenantKey(b) && sets.find(b.item) === root) pinned = a;
      }
    }
    let keyColumn: string | undefined;
    const targets = targetList ?? [];
    for (let index = 0; index < targets.length && keyColumn === undefined; index++) {
      // A column that does not resolve carries no tenant.
      const resolved = this.columnRead(bodyOf<Record<string, unknown>>(targets[index], 'ResTarget')?.val, scope);
      if (resolved && resolved.level === 0 && isTenantKey(resolved)) keyColumn = outputs[index] ?? resolved.column;
    }
    if (keyColumn === undefined) {
      // `SELECT *` keeps the tenant key under its own name.
      const key = local.find((i) => i.tenant && i.tenant !== 'unknown' && i.tenant.keyColumn && outputs.includes(i.tenant.keyColumn));
      const keyName = key?.tenant && key.tenant !== 'unknown' ? key.tenant.keyColumn : undefined;
      if (keyName !== undefined && outputs.filter((o) => o === keyName).length === 1) keyColumn = keyName;
    }
    // A correlated item of known tenant in the one set: each row here is of that item's row's tenant.
    let sameAs: ScopeItem | undefined;
    if (root !== undefined) {
      for (let i = localCount; i < involved.length && sameAs === undefined; i++) {
        const item = involved[i];
        if (item.tenant !== 'unknown' && sets.find(item) === root) sameAs = item;
      }
    }
    if (pinned === undefined && keyColumn === undefined && sameAs === undefined) return 'unknown';
    return { pinned, keyColumn, sameAs };
  }

  // ---- UPDATE and DELETE -----------------------------------------------------------------------

  private update(stmt: Record<string, unknown>): void {
    const ctes = this.withClause(stmt.withClause as Record<string, unknown> | undefined, undefined, noCtes);
    const scope = newScope([], undefined, ctes);
    const relation = stmt.relation as Record<string, unknown>;
    this.rangeVar(relation, scope, { kind: 'where' }, () => refuse('the target of UPDATE cannot be wrapped'));
    const target = scope.items[0];
    if (target.kind !== 'table') refuse('UPDATE of a CTE is not supported', relation.location);
    const from = (stmt.fromClause as unknown[] | undefined) ?? [];
    from.forEach((item, index) => this.fromItem(item, scope, { kind: 'where' }, (n) => (from[index] = n)));
    const equalities = this.collectEqualities(stmt.whereClause, from, scope);
    const guarded = new Set(target.access?.filters.flatMap((f) => [...f.compiled.columns]) ?? []);
    if (target.access?.tenantKey) guarded.add(target.access.tenantKey);
    for (const entry of (stmt.targetList as unknown[] | undefined) ?? []) {
      const set = bodyOf<Record<string, unknown>>(entry, 'ResTarget');
      if (!set) refuse('this SET clause is not supported');
      const column = set.name as string;
      if (set.indirection) refuse(`SET ${column}[…] or SET ${column}.field is not supported`, set.location);
      if (guarded.has(column)) refuse(`UPDATE may not change ${column}: a row filter or the tenant key reads it, and the new row could leave what the role may see`, set.location);
      if (target.access?.masks.has(column)) refuse(`UPDATE may not change ${column}, which is masked for ${this.rules.session.role}`, set.location);
      set.val = this.walk(set.val, scope);
    }
    if (stmt.whereClause !== undefined) {
      if (bodyOf(stmt.whereClause, 'CurrentOfExpr')) refuse('WHERE CURRENT OF is not supported');
      stmt.whereClause = this.walk(stmt.whereClause, scope);
    }
    for (const item of from) this.joinQuals(item, scope);
    this.returning(stmt, scope);
    this.injectFilters(scope, stmt);
    this.checkTenants(scope, equalities, undefined, []);
  }

  private delete(stmt: Record<string, unknown>): void {
    const ctes = this.withClause(stmt.withClause as Record<string, unknown> | undefined, undefined, noCtes);
    const scope = newScope([], undefined, ctes);
    const relation = stmt.relation as Record<string, unknown>;
    this.rangeVar(relation, scope, { kind: 'where' }, () => refuse('the target of DELETE cannot be wrapped'));
    if (scope.items[0].kind !== 'table') refuse('DELETE from a CTE is not supported', relation.location);
    const using = (stmt.usingClause as unknown[] | undefined) ?? [];
    using.forEach((item, index) => this.fromItem(item, scope, { kind: 'where' }, (n) => (using[index] = n)));
    const equalities = this.collectEqualities(stmt.whereClause, using, scope);
    if (stmt.whereClause !== undefined) {
      if (bodyOf(stmt.whereClause, 'CurrentOfExpr')) refuse('WHERE CURRENT OF is not supported');
      stmt.whereClause = this.walk(stmt.whereClause, scope);
    }
    for (const item of using) this.joinQuals(item, scope);
    this.returning(stmt, scope);
    this.injectFilters(scope, stmt);
    this.checkTenants(scope, equalities, undefined, []);
  }

  private returning(stmt: Record<string, unknown>, scope: Scope): void {
    const clause = stmt.returningClause as { exprs?: unknown[] } | undefined;
    const list = clause?.exprs ?? (stmt.returningList as unknown[] | undefined);
    if (!list) return;
    const holder: Record<string, unknown> = { targetList: list };
    this.targetList(holder, scope);
    if (clause) clause.exprs = holder.targetList as unknown[];
    else stmt.returningList = holder.targetList;
  }
}

// ---- helpers -----------------------------------------------------------------------------------

/**
 * A scope item with every field present, in one order: the rewriter reads items in its hottest
 * loops, and items of one shape keep those reads fast.
 */
function scopeItem(fields: Pick<ScopeItem, 'refname' | 'kind'> & Partial<ScopeItem>): ScopeItem {
  return {
    refname: fields.refname,
    kind: fields.kind,
    columns: fields.columns,
    columnSet: fields.columnSet,
    table: fields.table,
    access: fields.access,
    tenant: fields.tenant,
    rangeVar: fields.rangeVar,
    replaceRangeVar: fields.replaceRangeVar,
    attach: fields.attach,
    location: fields.location,
    bound: fields.bound,
  };
}

/** A scope with every field present (see scopeItem); `like` gives the USING merges, correlation and output names a copy keeps. */
function newScope(items: ScopeItem[], parent: Scope | undefined, ctes: ReadonlyMap<string, QueryInfo>, like?: Scope): Scope {
  return { items, parent, ctes, merged: like?.merged, correlated: like?.correlated, hasUsingJoin: like?.hasUsingJoin ?? false, outputNames: like?.outputNames };
}

const columnLists = new WeakMap<TableSchema, { list: string[]; set: ReadonlySet<string> }>();

/** A table's column names, in order and as a set; the same for every query (never edited). */
function tableColumns(table: TableSchema): { list: string[]; set: ReadonlySet<string> } {
  let columns = columnLists.get(table);
  if (!columns) {
    const list = table.columns.map((c) => c.name);
    columns = { list, set: new Set(list) };
    columnLists.set(table, columns);
  }
  return columns;
}

/** Whether an item of a scope has a column of this name. */
function hasColumn(item: ScopeItem, column: string): boolean {
  return item.columnSet ? item.columnSet.has(column) : item.columns !== undefined && item.columns.includes(column);
}

/** Union-find over tenant-scoped items and tenant literals, for proving which rows share a tenant. */
class TenantSets {
  private readonly parent = new Map<unknown, unknown>();

  find(x: unknown): unknown {
    let root = x;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    return root;
  }

  union(a: unknown, b: unknown): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/** Whether a side of an equality is a tenant-scoped item's tenant key column. */
function isTenantKey(r: ResolvedColumn | string): r is ResolvedColumn {
  return typeof r !== 'string' && r.item.tenant !== undefined && r.item.tenant !== 'unknown' && r.item.tenant.keyColumn === r.column;
}

/** Adds the conjuncts of every ON of a FROM item's joins to `into`. */
function joinConditions(value: unknown, into: unknown[]): void {
  const join = bodyOf<Record<string, unknown>>(value, 'JoinExpr');
  if (!join) return;
  joinConditions(join.larg, into);
  joinConditions(join.rarg, into);
  into.push(...conjuncts(join.quals));
}

/** Whether an A_Expr's operator name is plain `=`. */
function isEqualsOperator(name: unknown): boolean {
  return Array.isArray(name) && name.length === 1 && bodyOf<{ sval?: string }>(name[0], 'String')?.sval === '=';
}

function statementRefusal(type: string): string {
  switch (type) {
    case 'InsertStmt':
      return 'INSERT is not covered by the policy preview (only SELECT, UPDATE and DELETE are)';
    case 'MergeStmt':
      return 'MERGE is not covered by the policy preview (only SELECT, UPDATE and DELETE are)';
    case 'CopyStmt':
      return 'COPY reads or writes files and bypasses the rewriter; it is never run';
    case 'DoStmt':
    case 'ExecuteStmt':
    case 'PrepareStmt':
    case 'CallStmt':
      return 'dynamic SQL (DO, EXECUTE, PREPARE, CALL) cannot be checked before it runs, so it is refused';
    case 'VariableSetStmt':
    case 'VariableShowStmt':
      return 'SET and SHOW change or read the session; the preview runs queries only';
    case 'ExplainStmt':
      return 'EXPLAIN is not previewed; preview the query itself';
    case 'TransactionStmt':
      return 'transaction control is not previewed';
    default:
      return `${describeNode(type)} is not a query: the preview runs SELECT, UPDATE and DELETE only`;
  }
}

function describeNode(type: string): string {
  const words = type.replace(/Stmt$/, ' statement').replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.replace(/^Create /, 'CREATE ').replace(/^Drop /, 'DROP ').replace(/^Alter /, 'ALTER ');
}

function describeItem(item: ScopeItem): string {
  if (item.kind === 'table' && item.table) return item.refname === item.table.name ? item.table.name : `${item.table.name} (${item.refname})`;
  return item.refname ? `subquery ${item.refname}` : 'a subquery';
}

function lookupCte(scope: Scope, name: string): QueryInfo | undefined {
  return scope.ctes.get(name);
}

function allItems(scope: Scope): ScopeItem[] {
  const items: ScopeItem[] = [];
  for (let s: Scope | undefined = scope; s; s = s.parent) items.push(...s.items);
  return items;
}

function findItems(scope: Scope, refname: string): ScopeItem[] {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const found = s.items.filter((i) => i.refname === refname);
    if (found.length) return found;
  }
  return [];
}

function markCorrelated(scope: Scope, item: ScopeItem, level: number): void {
  // Every level between the reference and the item's own level reads the item.
  let s: Scope | undefined = scope;
  for (let i = 0; i < level && s; i++, s = s.parent) (s.correlated ??= new Set()).add(item);
}

function renameColumns(columns: string[] | undefined, aliases: string[]): string[] | undefined {
  if (!columns) return aliases.length ? undefined : columns;
  return columns.map((c, i) => aliases[i] ?? c);
}

function renameTenant(info: QueryInfo, columns: string[] | undefined): TenantInfo | 'unknown' | undefined {
  const tenant = info.tenant;
  if (tenant === undefined || tenant === 'unknown') return tenant;
  if (tenant.keyColumn === undefined || !info.columns || !columns) return tenant;
  const index = info.columns.indexOf(tenant.keyColumn);
  return { ...tenant, keyColumn: index >= 0 ? columns[index] : undefined };
}

function combineTenants(left: QueryInfo, right: QueryInfo): TenantInfo | 'unknown' | undefined {
  if (left.tenant === undefined && right.tenant === undefined) return undefined;
  const l = left.tenant;
  const r = right.tenant;
  if (l === 'unknown' || r === 'unknown' || l === undefined || r === undefined) return 'unknown';
  const pinned = l.pinned !== undefined && l.pinned === r.pinned ? l.pinned : undefined;
  const li = l.keyColumn !== undefined ? (left.columns ?? []).indexOf(l.keyColumn) : -1;
  const ri = r.keyColumn !== undefined ? (right.columns ?? []).indexOf(r.keyColumn) : -1;
  const keyColumn = li >= 0 && li === ri ? l.keyColumn : undefined;
  if (pinned === undefined && keyColumn === undefined) return 'unknown';
  return { pinned, keyColumn };
}

/** Names of a SELECT's output columns as written, for describing a recursive CTE before rewriting it. */
function outputNamesOf(stmt: Record<string, unknown> | undefined): string[] | undefined {
  if (!stmt) return undefined;
  if (stmt.op && stmt.op !== 'SETOP_NONE') return outputNamesOf(stmt.larg as Record<string, unknown>);
  const result: string[] = [];
  for (const entry of (stmt.targetList as unknown[] | undefined) ?? []) {
    const target = bodyOf<Record<string, unknown>>(entry, 'ResTarget');
    const ref = bodyOf<{ fields?: unknown[] }>(target?.val, 'ColumnRef');
    const column = ref ? names(ref.fields).at(-1) : undefined;
    if (column === '*') return undefined;
    result.push((target?.name as string | undefined) ?? column ?? implicitName(target?.val));
  }
  return result;
}

/** The name Postgres gives an output column that has no alias. */
function implicitName(value: unknown): string {
  const node = unwrap(value);
  if (!node) return '?column?';
  if (node.type === 'FuncCall') return names(node.body.funcname).at(-1) ?? '?column?';
  if (node.type === 'TypeCast') {
    const inner = implicitName(node.body.arg);
    if (inner !== '?column?') return inner;
    return names((node.body.typeName as { names?: unknown[] } | undefined)?.names).at(-1) ?? '?column?';
  }
  if (node.type === 'CaseExpr') return 'case';
  if (node.type === 'CoalesceExpr') return 'coalesce';
  if (node.type === 'MinMaxExpr') return (node.body.op as string) === 'IS_GREATEST' ? 'greatest' : 'least';
  if (node.type === 'SubLink' && node.body.subLinkType === 'EXISTS_SUBLINK') return 'exists';
  if (node.type === 'SubLink' && node.body.subLinkType === 'ARRAY_SUBLINK') return 'array';
  return '?column?';
}

function qualifyColumns(tree: unknown, refname: string): unknown {
  if (Array.isArray(tree)) return tree.map((t) => qualifyColumns(t, refname));
  if (tree === null || typeof tree !== 'object') return tree;
  const ref = bodyOf<{ fields?: unknown[] }>(tree, 'ColumnRef');
  if (ref) {
    const parts = names(ref.fields);
    return columnRef(refname, parts.at(-1) as string);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) out[key] = qualifyColumns(value, refname);
  return out;
}

function constantText(constant: Record<string, unknown>): string | undefined {
  const s = constant.sval as { sval?: string } | undefined;
  if (s) return s.sval ?? '';
  const i = constant.ival as { ival?: number } | undefined;
  if (i) return String(i.ival ?? 0);
  const f = constant.fval as { fval?: string } | undefined;
  if (f) return f.fval;
  return undefined;
}

/** The literal a set of bound filters pins the tenant key to (`refname.key = 'v'`), if any. */
function pinnedTenant(conditions: PgNode[], refname: string, tenantKey: string | undefined): string | undefined {
  if (!tenantKey) return undefined;
  for (const condition of conditions.flatMap((c) => conjuncts(c))) {
    const expr = bodyOf<Record<string, unknown>>(condition, 'A_Expr');
    if (!expr || expr.kind !== 'AEXPR_OP' || !isEqualsOperator(expr.name)) continue;
    for (const [a, b] of [
      [expr.lexpr, expr.rexpr],
      [expr.rexpr, expr.lexpr],
    ]) {
      const ref = bodyOf<{ fields?: unknown[] }>(a, 'ColumnRef');
      let other = b;
      const cast = bodyOf<{ arg?: unknown }>(other, 'TypeCast');
      if (cast) other = cast.arg;
      const constant = bodyOf<Record<string, unknown>>(other, 'A_Const');
      if (ref && constant && names(ref.fields).join('.') === `${refname}.${tenantKey}`) return constantText(constant);
    }
  }
  return undefined;
}

function deparseCondition(condition: PgNode): string {
  try {
    const sql = deparseStatement({ SelectStmt: { targetList: [{ ResTarget: { val: { A_Const: { ival: { ival: 1 } } } } }], whereClause: condition, limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } });
    return sql.replace(/^SELECT 1 WHERE /, '');
  } catch {
    return '(condition)';
  }
}

/** Why nothing is previewed while a policy file does not parse. */
export function brokenPolicyReason(broken: NonNullable<SessionRules['policy']['broken']>): string {
  return `the policy file ${broken.file.split(/[\\/]/).pop()} does not parse (line ${broken.line}: ${broken.message}): a preview with part of the policy could show rows or values the whole policy hides, so none runs until it is fixed`;
}

/** Whether a role inherits another, for callers that describe rules. */
export function inheritsRole(rules: SessionRules, role: string): boolean {
  return roleClosure(rules.policy, rules.session.role).has(role);
}
