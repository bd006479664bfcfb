/**
 * Hover in policy files: what a rule does and whom it applies to, in markdown. The roles a rule
 * applies to are computed from the policy (inheritance, exemptions, principal kinds), not repeated
 * from the text.
 */
import type { TextPosition, TextRange } from '../protocol/findings';
import type { Schema } from '../sql/schema';
import { roleClosure, roleCovered, tenantKeyOf } from './buildPolicy';
import { describeMaskFunction, type Located, type MaskRule, type Policy, type PolicyFile, type PrincipalKind, placeholderNames, type RowFilterRule, type TableRule } from './policyModel';
import { canRead } from './policyDiagnostics';

/** Markdown for the construct at `position` of `file`, or undefined when there is nothing to say. */
export function policyHover(file: PolicyFile, policy: Policy, schema: Schema, position: TextPosition): string | undefined {
  try {
    for (const role of file.roles) {
      if (role.declared && contains(role.declared.range, position)) return describeRole(policy, schema, role.name);
      for (const parent of role.inherits) if (contains(parent.range, position)) return describeRole(policy, schema, parent.value);
    }
    for (const table of file.tables) {
      if (!contains(table.blockRange, position)) continue;
      if (contains(table.name.range, position)) return describeTable(policy, schema, table);
      const role = [...(table.readers ?? [])].find((r) => contains(r.range, position));
      if (role) return describeRole(policy, schema, role.value);
      for (const filter of table.filters) {
        if (!contains(filter.blockRange, position)) continue;
        const listed = [...(filter.roles ?? []), ...filter.exempt].find((r) => contains(r.range, position));
        if (listed) return describeRole(policy, schema, listed.value);
        if (filter.using && contains(filter.using.range, position)) {
          const placeholder = placeholderAt(filter.using, position);
          if (placeholder) return describePlaceholder(placeholder);
          const column = columnAt(filter.using, position, schema, table.name.value);
          if (column) return column;
        }
        return describeFilter(policy, filter);
      }
      for (const mask of table.masks) {
        if (!contains(mask.blockRange, position)) continue;
        const exempts = [mask.base.exempt, mask.byKind.human?.exempt, mask.byKind.agent?.exempt].flatMap((l) => l ?? []);
        const listed = exempts.find((r) => contains(r.range, position));
        if (listed) return describeRole(policy, schema, listed.value);
        return describeMask(policy, schema, mask);
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function contains(range: TextRange, p: TextPosition): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

function rolesWhere(policy: Policy, test: (role: string) => boolean): string[] {
  return [...policy.roles.keys()].filter(test);
}

function list(names: string[]): string {
  return names.length ? names.map((n) => `\`${n}\``).join(', ') : 'no role';
}

function describeRole(policy: Policy, schema: Schema, name: string): string {
  const role = policy.roles.get(name);
  if (!role) return `**role \`${name}\`** is not declared in any policy file.`;
  const inherited = [...roleClosure(policy, name)].filter((r) => r !== name);
  const heirs = rolesWhere(policy, (r) => r !== name && roleClosure(policy, r).has(name));
  const readable = [...schema.tables.keys()].filter((t) => canRead(policy, name, t));
  const lines = [`**role \`${name}\`**${role.declared ? '' : ' (predeclared)'}`];
  if (role.description) lines.push('', role.description);
  lines.push('', `- inherits: ${inherited.length ? list(inherited) : 'nothing'}`);
  lines.push(`- inherited by: ${heirs.length ? list(heirs) : 'no role'}`);
  lines.push(`- principals: ${role.kinds?.length ? role.kinds.map((k) => k.value).join(' and ') : 'humans and agents'}`);
  if (schema.tables.size) lines.push(`- can read: ${readable.length ? readable.map((t) => `\`${t}\``).join(', ') : '**no table**'}`);
  return lines.join('\n');
}

function describeTable(policy: Policy, schema: Schema, table: TableRule): string {
  const schemaTable = schema.tables.get(table.name.value);
  const lines = [`**table \`${table.name.value}\`**`];
  if (table.description) lines.push('', table.description);
  if (schemaTable) lines.push('', `columns: ${schemaTable.columns.map((c) => `\`${c.name}\` ${c.type}`).join(', ')}`, `(declared in ${schemaTable.file})`);
  else lines.push('', 'No CREATE TABLE statement in the workspace declares this table.');
  const key = tenantKeyOf(policy, table.name.value);
  lines.push('', `- tenant key: ${key && schemaTable?.columns.some((c) => c.name === key) ? `\`${key}\`` : 'none (not tenant-scoped)'}`);
  lines.push(`- readers: ${table.readers ? list(rolesWhere(policy, (r) => roleCovered(policy, r, table.readers))) : 'every role'}`);
  lines.push(`- row filters: ${table.filters.length ? table.filters.map((f) => `\`${f.name.value}\``).join(', ') : 'none'}`);
  lines.push(`- masked columns: ${table.masks.length ? table.masks.map((m) => `\`${m.column.value}\``).join(', ') : 'none'}`);
  return lines.join('\n');
}

function filterAppliesTo(policy: Policy, filter: RowFilterRule, role: string, kind: PrincipalKind): boolean {
  if (filter.roles && !roleCovered(policy, role, filter.roles)) return false;
  if (roleCovered(policy, role, filter.exempt)) return false;
  return !filter.kinds || filter.kinds.some((k) => k.value === kind);
}

function describeFilter(policy: Policy, filter: RowFilterRule): string {
  const lines = [`**row filter \`${filter.name.value}\`** on \`${filter.table}\``];
  if (filter.description) lines.push('', filter.description);
  if (filter.using) lines.push('', 'Rows are visible only where', '```sql', filter.using.value, '```');
  for (const kind of ['human', 'agent'] as const) {
    const applies = rolesWhere(policy, (r) => filterAppliesTo(policy, filter, r, kind));
    lines.push(`- ${kind === 'human' ? 'humans' : 'agents'}: applies to ${list(applies)}`);
  }
  const exempt = rolesWhere(policy, (r) => roleCovered(policy, r, filter.exempt));
  if (exempt.length) lines.push(`- exempt: ${list(exempt)}`);
  return lines.join('\n');
}

function describeMask(policy: Policy, schema: Schema, mask: MaskRule): string {
  const column = schema.tables.get(mask.table)?.columns.find((c) => c.name === mask.column.value);
  const lines = [`**mask on \`${mask.table}.${mask.column.value}\`**${column ? ` (${column.type})` : ''}`];
  if (mask.description) lines.push('', mask.description);
  for (const kind of ['human', 'agent'] as const) {
    const variant = mask.byKind[kind];
    const fn = variant?.functionText ? variant.fn : mask.base.fn;
    const exempt = variant?.exempt ?? mask.base.exempt ?? [];
    const who = kind === 'human' ? 'humans' : 'agents';
    if (!fn) {
      lines.push(`- ${who}: ${variant?.functionText ?? mask.base.functionText ? 'unknown function (shown as NULL until fixed)' : 'not masked'}`);
      continue;
    }
    const masked = rolesWhere(policy, (r) => !roleCovered(policy, r, exempt));
    const clear = rolesWhere(policy, (r) => roleCovered(policy, r, exempt));
    lines.push(`- ${who}: ${describeMaskFunction(fn)} for ${list(masked)}${clear.length ? `; in clear for ${list(clear)}` : ''}`);
  }
  return lines.join('\n');
}

function placeholderAt(using: Located<string> & { positionOf(i: number): TextPosition }, position: TextPosition): string | undefined {
  for (const match of using.value.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
    const at = match.index ?? 0;
    if (contains({ start: using.positionOf(at), end: using.positionOf(at + match[0].length) }, position)) return match[1];
  }
  return undefined;
}

function describePlaceholder(name: string): string {
  if (!(placeholderNames as readonly string[]).includes(name)) {
    return `**\`{${name}}\`** is not a placeholder. Known: ${placeholderNames.map((p) => `\`{${p}}\``).join(', ')}.`;
  }
  return `**\`{${name}}\`**: the session's \`${name}\`, bound as a literal when a query is previewed (\`--attr ${name}=…\` on the command line, or the status bar's session attributes). A query is refused when it is not set.`;
}

function columnAt(using: Located<string> & { positionOf(i: number): TextPosition }, position: TextPosition, schema: Schema, table: string): string | undefined {
  for (const match of using.value.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    const at = match.index ?? 0;
    if (!contains({ start: using.positionOf(at), end: using.positionOf(at + match[0].length) }, position)) continue;
    const column = schema.tables.get(table)?.columns.find((c) => c.name === match[0]);
    if (column) return `**column \`${table}.${column.name}\`** ${column.type}`;
  }
  return undefined;
}
