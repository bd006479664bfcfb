/**
 * Diagnostics of a policy file against the workspace's policy and schema: unknown tables, columns,
 * roles, placeholders and mask functions, conflicting masks on one column, row filters that do not
 * parse, inheritance cycles, and roles that can see no table.
 */
import type { Finding, TextRange } from '../protocol/findings';
import type { Schema } from '../sql/schema';
import { roleClosure, roleCovered } from './buildPolicy';
import type { Located, MaskRule, Policy, PolicyFile } from './policyModel';
import { compileFilter } from './rowFilter';

/** The findings of one policy file (`file` is one of `policy.files`). Never throws. */
export function policyDiagnostics(file: PolicyFile, policy: Policy, schema: Schema): Finding[] {
  const findings: Finding[] = [...file.findings];
  const add = (code: string, severity: Finding['severity'], message: string, range: TextRange): void => {
    findings.push({ code, severity, message, range });
  };
  try {
    const checkRoles = (list: readonly Located<string>[] | undefined): void => {
      for (const role of list ?? []) {
        if (!policy.roles.has(role.value)) add('CG-POLICY-UNKNOWN-ROLE', 'error', `unknown role "${role.value}"${suggest(role.value, [...policy.roles.keys()])}`, role.range);
      }
    };
    const allMasks = policy.files.flatMap((f) => f.tables.flatMap((t) => t.masks));
    for (const role of file.roles) {
      const declared = role.declared;
      if (!declared) continue;
      const first = policy.roles.get(role.name);
      if (first && first !== role) {
        add('CG-POLICY-DUPLICATE-ROLE', 'error', `role "${role.name}" is already declared at ${where(first.declared, file.path)}`, declared.range);
        continue;
      }
      checkRoles(role.inherits);
      for (const parent of role.inherits) {
        if (parent.value !== role.name && roleClosure(policy, parent.value).has(role.name)) {
          add('CG-POLICY-ROLE-CYCLE', 'error', `role "${role.name}" inherits "${parent.value}", which inherits "${role.name}" back`, parent.range);
        } else if (parent.value === role.name) add('CG-POLICY-ROLE-CYCLE', 'error', `role "${role.name}" inherits itself`, parent.range);
      }
      if (schema.tables.size > 0 && ![...schema.tables.keys()].some((t) => canRead(policy, role.name, t))) {
        add('CG-POLICY-ROLE-SEES-NOTHING', 'warning', `role "${role.name}" can see no table: every table's \`readers\` leaves it out`, declared.range);
      }
    }
    if (file.tenantKey && file.tenantKey.value !== '' && schema.tables.size > 0 && ![...schema.tables.values()].some((t) => t.columns.some((c) => c.name === file.tenantKey?.value))) {
      add('CG-POLICY-UNKNOWN-COLUMN', 'warning', `no table of the schema has a column \`${file.tenantKey.value}\`, so no table is tenant-scoped`, file.tenantKey.range);
    }
    for (const table of file.tables) {
      const schemaTable = schema.tables.get(table.name.value);
      if (!schemaTable) {
        add(
          'CG-POLICY-UNKNOWN-TABLE',
          'error',
          schema.tables.size === 0
            ? `unknown table "${table.name.value}": no CREATE TABLE statement was found in the workspace's .sql files`
            : `unknown table "${table.name.value}"${suggest(table.name.value, [...schema.tables.keys()])}`,
          table.name.range,
        );
      }
      checkRoles(table.readers);
      if (table.tenantKey && table.tenantKey.value !== '' && schemaTable && !schemaTable.columns.some((c) => c.name === table.tenantKey?.value)) {
        add('CG-POLICY-UNKNOWN-COLUMN', 'error', `table ${schemaTable.name} has no column \`${table.tenantKey.value}\``, table.tenantKey.range);
      }
      for (const filter of table.filters) {
        checkRoles(filter.roles);
        checkRoles(filter.exempt);
        if (filter.using) {
          for (const problem of compileFilter(filter.using, schemaTable).problems) {
            add(problem.code, 'error', problem.message, problem.range);
          }
        }
      }
      for (const mask of table.masks) {
        if (schemaTable && !schemaTable.columns.some((c) => c.name === mask.column.value)) {
          add('CG-POLICY-UNKNOWN-COLUMN', 'error', `table ${schemaTable.name} has no column \`${mask.column.value}\`${suggest(mask.column.value, schemaTable.columns.map((c) => c.name))}`, mask.column.range);
        }
        for (const variant of [mask.base, mask.byKind.human, mask.byKind.agent]) {
          if (!variant) continue;
          checkRoles(variant.exempt);
          if (variant.functionText && !variant.fn) {
            add('CG-POLICY-UNKNOWN-MASK', 'error', `unknown mask function "${variant.functionText.value}": use redact, partial(N), hash or null`, variant.functionText.range);
          }
        }
        const others = allMasks.filter((m) => m !== mask && m.table === mask.table && m.column.value === mask.column.value);
        if (others.length > 0 && !sameMask(mask, others[0])) {
          add('CG-POLICY-MASK-CONFLICT', 'error', `column ${mask.table}.${mask.column.value} has another mask at ${where(others[0].column, file.path)}; the stronger one applies: keep one`, mask.column.range);
        } else if (others.length > 0) {
          add('CG-POLICY-MASK-CONFLICT', 'warning', `column ${mask.table}.${mask.column.value} is masked twice (also at ${where(others[0].column, file.path)})`, mask.column.range);
        }
      }
    }
  } catch (error) {
    add('CG-POLICY-INTERNAL', 'error', `Cartograph could not check this policy file: ${error instanceof Error ? error.message : String(error)}`, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Whether a role may read a table at all (its `readers`, if any, cover the role). */
export function canRead(policy: Policy, role: string, table: string): boolean {
  return (policy.tables.get(table) ?? []).every((rule) => !rule.readers || roleCovered(policy, role, rule.readers));
}

function sameMask(a: MaskRule, b: MaskRule): boolean {
  const text = (m: MaskRule): string =>
    JSON.stringify([m.base.functionText?.value, m.base.exempt?.map((e) => e.value), m.byKind.human?.functionText?.value, m.byKind.agent?.functionText?.value]);
  return text(a) === text(b);
}

function where(located: Located<string> | undefined, currentFile: string): string {
  if (!located) return 'its predeclaration';
  const line = `line ${located.range.start.line + 1}`;
  return located.file === currentFile ? line : `${located.file}:${located.range.start.line + 1}`;
}

/** ` (did you mean "x"?)` for a close name, or the list of names when there are few. */
function suggest(name: string, candidates: string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3))) return ` (did you mean "${best}"?)`;
  return candidates.length > 0 && candidates.length <= 12 ? ` (known: ${candidates.join(', ')})` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
