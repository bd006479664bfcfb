/**
 * Hover in SQL files: on a table's name, what the preview session may see of it — whether it may
 * read the table at all, the row filters that apply (bound to the session's attributes) and the
 * masked columns — so that a query's author knows what the policy will do before previewing.
 */
import type { TextPosition } from '../protocol/findings';
import type { Schema } from '../sql/schema';
import { TextPositions } from '../sql/textPositions';
import { maskFunctionText, type Policy, type PreviewSession } from './policyModel';
import { sessionRules } from './sessionRules';

const identifier = /[A-Za-z0-9_.]/;

/** Markdown for the table named at `position` of a SQL text, or undefined. Never throws. */
export function sqlHover(text: string, position: TextPosition, policy: Policy, schema: Schema, session: PreviewSession): string | undefined {
  try {
    const offset = new TextPositions(text).offsetAt(position);
    let start = offset;
    let end = offset;
    while (start > 0 && identifier.test(text[start - 1])) start--;
    while (end < text.length && identifier.test(text[end])) end++;
    const word = text.slice(start, end).toLowerCase();
    // `customers`, `public.customers`, `sales.orders`; a column's qualifier (`customers.email`) too.
    const parts = word.split('.');
    const candidates = [word, parts.slice(0, 2).join('.'), parts[0], word.replace(/^public\./, '')];
    const name = candidates.find((c) => c !== '' && schema.tables.has(c));
    if (!name) return undefined;
    const table = schema.tables.get(name)!;
    const access = sessionRules(policy, schema, session).table(name);
    const attrs = Object.entries(session.attributes)
      .filter(([k]) => k !== 'kind')
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const lines = [`**table \`${name}\`** — ${table.columns.length} columns (${table.file.split(/[\\/]/).pop()})`, '', `As **${session.role}** (${session.kind}${attrs ? `, ${attrs}` : ''}):`, ''];
    if (access.denied) {
      lines.push(`- may not read it: ${access.denied}`);
      return lines.join('\n');
    }
    if (access.filters.length === 0 && access.brokenFilters.length === 0) lines.push('- every row');
    for (const f of access.filters) lines.push(`- row filter \`${f.rule.name.value}\`: \`${f.rule.using?.value ?? ''}\` — ${f.why}`);
    for (const f of access.brokenFilters) lines.push(`- row filter \`${f.name.value}\` has errors: queries that read the table are refused`);
    for (const [column, mask] of access.masks) lines.push(`- \`${column}\` masked: ${maskFunctionText(mask.fn)} — ${mask.why}`);
    if (access.masks.size === 0) lines.push('- every column in clear');
    return lines.join('\n');
  } catch {
    return undefined;
  }
}
