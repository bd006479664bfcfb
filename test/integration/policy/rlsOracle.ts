/**
 * The oracle of the differential test: the same policy expressed in Postgres' own terms, so that
 * Postgres, not Cartograph, decides what a role sees.
 *
 *  - Each policy role is a Postgres role; `inherits` is role membership (GRANT parent TO child).
 *  - `readers` are table privileges (GRANT SELECT … TO reader).
 *  - Each row filter is a RESTRICTIVE row-level security policy on the table, for the filter's roles
 *    (Postgres applies it to their members), passed by members of exempt roles
 *    (`pg_has_role(current_user, …, 'MEMBER')`) and by principal kinds it does not apply to;
 *    placeholders read the session settings (`current_setting('cartograph.org_id')`, set with
 *    set_config).
 *  - Masks are views with `security_invoker`, one per table, that show each masked column through
 *    the mask; whether a role is exempt is asked of Postgres (`pg_has_role`). The original query
 *    reads the views (search_path) as the role, so its WHERE, JOIN and GROUP BY see masked values,
 *    exactly the semantics the rewriter promises.
 *
 * The mask expressions here are written independently of the rewriter's (astBuilders.ts), so that a
 * wrong mask there shows up as a difference.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { MaskFunction, Policy, PreviewSession } from '../../../server/policy/policyModel';
import type { Schema } from '../../../server/sql/schema';

export function pgRole(name: string): string {
  return `r_${name.toLowerCase()}`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Roles, privileges and row-level security policies; done once. */
export async function installOracle(db: PGlite, policy: Policy, schema: Schema): Promise<void> {
  const sql: string[] = [];
  for (const role of policy.roles.keys()) sql.push(`CREATE ROLE ${pgRole(role)} NOLOGIN`);
  for (const role of policy.roles.values()) for (const parent of role.inherits) sql.push(`GRANT ${pgRole(parent.value)} TO ${pgRole(role.name)}`);
  sql.push('CREATE SCHEMA oracle_view', 'GRANT USAGE ON SCHEMA oracle_view TO PUBLIC');
  for (const table of schema.tables.values()) {
    const rules = policy.tables.get(table.name) ?? [];
    sql.push(`ALTER TABLE public.${table.name} ENABLE ROW LEVEL SECURITY`);
    sql.push(`CREATE POLICY everyone ON public.${table.name} AS PERMISSIVE FOR ALL TO PUBLIC USING (true)`);
    const readers = rules.find((r) => r.readers)?.readers;
    if (readers) for (const reader of readers) sql.push(`GRANT SELECT ON public.${table.name} TO ${pgRole(reader.value)}`);
    else sql.push(`GRANT SELECT ON public.${table.name} TO PUBLIC`);
    for (const rule of rules) {
      for (const filter of rule.filters) {
        const using = (filter.using?.value ?? 'false').replace(/([A-Za-z_]+)\s*=\s*\{([a-z_]+)\}/g, (_, column: string, placeholder: string) => {
          const type = table.columns.find((c) => c.name === column)?.type ?? 'text';
          return `${column} = current_setting('cartograph.${placeholder}')::${type}`;
        });
        if (/\{/.test(using)) throw new Error(`the oracle cannot translate the filter ${filter.using?.value}`);
        const passes = filter.exempt.map((e) => `pg_has_role(current_user, '${pgRole(e.value)}', 'MEMBER')`);
        if (filter.kinds) passes.push(`current_setting('cartograph.kind') NOT IN (${filter.kinds.map((k) => literal(k.value)).join(', ')})`);
        const to = filter.roles ? filter.roles.map((r) => pgRole(r.value)).join(', ') : 'PUBLIC';
        sql.push(`CREATE POLICY ${filter.name.value} ON public.${table.name} AS RESTRICTIVE FOR ALL TO ${to} USING (${[...passes, `(${using})`].join(' OR ')})`);
      }
    }
  }
  for (const statement of sql) await db.exec(statement);
}

/** The mask expressions, written apart from the rewriter's. */
function maskSql(fn: MaskFunction, column: string, type: string): string {
  switch (fn.name) {
    case 'redact':
      return `CASE WHEN ${column} IS NOT NULL THEN CAST('***' AS text) END`;
    case 'partial':
      return `CASE WHEN ${column} IS NULL THEN NULL ELSE lpad(right(${column}::text, ${fn.showLast}), length(${column}::text), '*') END`;
    case 'hash':
      return `encode(sha256(convert_to(${column}::text, 'UTF8')), 'hex')`;
    case 'null':
      return `CAST(NULL AS ${type})`;
  }
}

/** Sets the session's attributes and builds the masking views for its role and kind. */
export async function enterSession(db: PGlite, policy: Policy, schema: Schema, session: PreviewSession): Promise<void> {
  await db.exec('RESET ROLE; SET search_path = public');
  for (const [key, value] of Object.entries({ ...session.attributes, kind: session.kind })) {
    await db.query('SELECT set_config($1, $2, false)', [`cartograph.${key}`, value]);
  }
  const member = async (role: string, of: string): Promise<boolean> =>
    ((await db.query<{ m: boolean }>(`SELECT pg_has_role('${pgRole(role)}', '${pgRole(of)}', 'MEMBER') AS m`)).rows[0]?.m ?? false) === true;
  await db.exec('DROP SCHEMA oracle_view CASCADE; CREATE SCHEMA oracle_view; GRANT USAGE ON SCHEMA oracle_view TO PUBLIC');
  for (const table of schema.tables.values()) {
    const masks = (policy.tables.get(table.name) ?? []).flatMap((r) => r.masks);
    const columns: string[] = [];
    for (const column of table.columns) {
      let expression = column.name;
      for (const mask of masks.filter((m) => m.column.value === column.name)) {
        const variant = mask.byKind[session.kind];
        const fn = variant?.functionText ? variant.fn : mask.base.fn;
        const exempt = variant?.exempt ?? mask.base.exempt ?? [];
        if (!fn) continue;
        let isExempt = false;
        for (const e of exempt) if (await member(session.role, e.value)) isExempt = true;
        if (!isExempt) expression = maskSql(fn, column.name, column.type);
      }
      columns.push(`${expression} AS ${column.name}`);
    }
    await db.exec(`CREATE VIEW oracle_view.${table.name} WITH (security_invoker = true) AS SELECT ${columns.join(', ')} FROM public.${table.name}`);
    await db.exec(`GRANT SELECT ON oracle_view.${table.name} TO PUBLIC`);
  }
}

/** Runs a query as the session's role under row-level security, reading the masking views. */
export async function runAsRole(db: PGlite, role: string, sql: string): Promise<{ rows?: unknown[][]; error?: string }> {
  await db.exec(`SET ROLE ${pgRole(role)}; SET search_path = oracle_view, public`);
  try {
    const result = await db.query<unknown[]>(sql, [], { rowMode: 'array' });
    return { rows: result.rows };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await db.exec('RESET ROLE; SET search_path = public');
  }
}

/** Runs a query as the superuser (no row-level security), as the rewritten query runs. */
export async function runRewritten(db: PGlite, sql: string): Promise<{ rows?: unknown[][]; error?: string }> {
  try {
    const result = await db.query<unknown[]>(sql, [], { rowMode: 'array' });
    return { rows: result.rows };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
