/**
 * What a policy means for one session (role, principal kind, attributes): for each table, whether
 * the session may read it, which row filters apply and which columns are masked with what.
 */
import type { Schema } from '../sql/schema';
import { roleCovered, tenantKeyOf } from './buildPolicy';
import type { MaskFunction, MaskRule, Policy, PreviewSession, RowFilterRule } from './policyModel';
import { type CompiledFilter, compileFilter } from './rowFilter';

/** The rules of one table for one session. */
export interface TableAccess {
  table: string;
  /** Why the session may not read the table; absent when it may. */
  denied?: string;
  /** The row filters that apply, compiled. */
  filters: { rule: RowFilterRule; compiled: CompiledFilter }[];
  /** Filters that apply but do not compile: a query reading the table is refused. */
  brokenFilters: RowFilterRule[];
  /** The mask of each masked column. */
  masks: Map<string, { rule: MaskRule; fn: MaskFunction }>;
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
      if (result) access.filters.push({ rule: filter, compiled: result });
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
      if (!existing || strength(fn) > strength(existing.fn)) access.masks.set(column, { rule: mask, fn });
    }
  }
  return access;
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
