/**
 * What a policy means for one session (role, principal kind, attributes): for each table, whether
 * the session may read it, which row filters apply and which columns are masked with what.
 */
import type { Schema } from '../sql/schema';
import { roleClosure, roleCovered, tenantKeyOf } from './buildPolicy';
import type { Located, MaskFunction, MaskRule, Policy, PreviewSession, RowFilterRule } from './policyModel';
import { type CompiledFilter, compileFilter } from './rowFilter';

/** The rules of one table for one session. */
export interface TableAccess {
  table: string;
  /** Why the session may not read the table; absent when it may. */
  denied?: string;
  /** The row filters that apply, compiled, with why they apply to the session. */
  filters: { rule: RowFilterRule; compiled: CompiledFilter; why: string }[];
  /** Filters that apply but do not compile: a query reading the table is refused. */
  brokenFilters: RowFilterRule[];
  /** The mask of each masked column, with why it applies to the session. */
  masks: Map<string, { rule: MaskRule; fn: MaskFunction; why: string }>;
  tenantKey?: string;
}

/** A policy resolved for one session. */
export interface SessionRules {
  session: PreviewSession;
  policy: Policy;
  schema: Schema;
  /** The rules of a table of the schema. */
  table(name: string): TableAccess;
}

const compiled = new WeakMap<RowFilterRule, CompiledFilter | null>();

/** Resolves the policy for a session. Results are computed once per table. */
export function sessionRules(policy: Policy, schema: Schema, session: PreviewSession): SessionRules {
  const cache = new Map<string, TableAccess>();
  return {
    session,
    policy,
    schema,
    table(name: string): TableAccess {
      let access = cache.get(name);
      if (!access) {
        access = resolveTable(policy, schema, session, name);
        cache.set(name, access);
      }
      return access;
    },
  };
}

function resolveTable(policy: Policy, schema: Schema, session: PreviewSession, name: string): TableAccess {
  const rules = policy.tables.get(name) ?? [];
  const access: TableAccess = { table: name, filters: [], brokenFilters: [], masks: new Map(), tenantKey: tenantKeyOf(policy, name) };
  for (const rule of rules) {
    if (rule.readers && !roleCovered(policy, session.role, rule.readers)) {
      access.denied = `role ${session.role} may not read table ${name} (readers: ${rule.readers.map((r) => r.value).join(', ') || 'none'})`;
    }
    for (const filter of rule.filters) {
      if (filter.roles && !roleCovered(policy, session.role, filter.roles)) continue;
      if (roleCovered(policy, session.role, filter.exempt)) continue;
      if (filter.kinds && !filter.kinds.some((k) => k.value === session.kind)) continue;
      let result = compiled.get(filter);
      if (result === undefined) {
        const { filter: ok, problems } = filter.using ? compileFilter(filter.using, schema.tables.get(name)) : { filter: undefined, problems: [] };
        result = ok && problems.length === 0 ? ok : null;
        compiled.set(filter, result);
      }
      if (result) access.filters.push({ rule: filter, compiled: result, why: whyFilter(policy, session, filter) });
      else access.brokenFilters.push(filter);
    }
    for (const mask of rule.masks) {
      const variant = mask.byKind[session.kind];
      const functionText = variant?.functionText ?? mask.base.functionText;
      if (!functionText) continue;
      // A function the policy misspelt still hides the value: `null` is the strictest reading.
      const fn: MaskFunction = (variant?.functionText ? variant.fn : mask.base.fn) ?? { name: 'null' };
      const exempt = variant?.exempt ?? mask.base.exempt;
      if (roleCovered(policy, session.role, exempt)) continue;
      const column = mask.column.value;
      const existing = access.masks.get(column);
      if (!existing || strength(fn) > strength(existing.fn)) access.masks.set(column, { rule: mask, fn, why: whyMask(session, mask) });
    }
  }
  return access;
}

/** The names of a role list, for messages. */
function names(list: readonly Located<string>[]): string {
  return list.map((r) => r.value).join(', ');
}

/** How the session's role comes to be in a role list: it is listed, or it inherits a listed role. */
function matchOf(policy: Policy, role: string, list: readonly Located<string>[]): string {
  if (list.some((r) => r.value === role)) return `${role} is listed`;
  const closure = roleClosure(policy, role);
  const via = list.find((r) => closure.has(r.value));
  return via ? `${role} inherits ${via.value}` : `${role} matches`;
}

/** Why a row filter applies to a session: its description, then whom it is for and who is exempt. */
function whyFilter(policy: Policy, session: PreviewSession, rule: RowFilterRule): string {
  const reasons = [rule.roles ? `for ${names(rule.roles)}: ${matchOf(policy, session.role, rule.roles)}` : 'for every role'];
  if (rule.kinds) reasons.push(`${session.kind} principals only`);
  reasons.push(rule.exempt.length ? `${session.role} is not exempt (exempt: ${names(rule.exempt)})` : 'no role is exempt');
  return [rule.description, reasons.join('; ')].filter(Boolean).join(' — ');
}

/** Why a mask applies to a session: its description, then who is exempt (for the session's kind). */
function whyMask(session: PreviewSession, rule: MaskRule): string {
  const variant = rule.byKind[session.kind];
  const exempt = variant?.exempt ?? rule.base.exempt ?? [];
  const reasons = [exempt.length ? `${session.role} is not exempt (exempt: ${names(exempt)})` : 'no role is exempt'];
  if (variant?.exempt !== undefined || variant?.functionText !== undefined) reasons.push(`the ${session.kind} variant`);
  return [rule.description, reasons.join('; ')].filter(Boolean).join(' — ');
}

/** How much of a value a mask hides, for choosing between conflicting masks: the stronger wins. */
export function strength(fn: MaskFunction): number {
  switch (fn.name) {
    case 'null':
      return 1000;
    case 'redact':
      return 900;
    case 'hash':
      return 800;
    case 'partial':
      return 100 - Math.min(fn.showLast, 99);
  }
}
