/**
 * Completion in policy files: table names in `table "…"`, column names in `mask "…"`, `tenant_key`
 * and row filters, role names in role lists, placeholders after `{` in a filter, mask functions and
 * principal kinds.
 */
import type { TextPosition } from '../protocol/findings';
import type { Schema } from '../sql/schema';
import { TextPositions } from '../sql/textPositions';
import { describeMaskFunction, type Policy, type PolicyFile, placeholderNames } from './policyModel';

/** One completion: what to insert and what it is. */
export interface PolicyCompletion {
  label: string;
  kind: 'table' | 'column' | 'role' | 'placeholder' | 'mask' | 'kind';
  detail: string;
}

/** Completions at `position` of a policy file's current text. Never throws. */
export function policyCompletions(file: PolicyFile, text: string, policy: Policy, schema: Schema, position: TextPosition): PolicyCompletion[] {
  try {
    const positions = new TextPositions(text);
    const offset = positions.offsetAt(position);
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset);
    const table = enclosingTable(file, text, offset, positions);
    const tableColumns = (name: string | undefined): PolicyCompletion[] =>
      (name ? (schema.tables.get(name)?.columns ?? []) : []).map((c) => ({ label: c.name, kind: 'column', detail: `${name}.${c.name} ${c.type}` }));

    if (/^\s*table\s+"[^"]*$/.test(before)) {
      return [...schema.tables.values()].map((t) => ({ label: t.name, kind: 'table', detail: `${t.columns.length} columns (${t.file})` }));
    }
    if (/^\s*mask\s+"[^"]*$/.test(before) || /^\s*tenant_key\s*=\s*"[^"]*$/.test(before)) {
      if (table) return tableColumns(table);
      const all = new Map<string, PolicyCompletion>();
      for (const t of schema.tables.values()) for (const c of t.columns) all.set(c.name, { label: c.name, kind: 'column', detail: `column of ${t.name}` });
      return [...all.values()];
    }
    // Inside a list's open string: after its complete strings, one quote not yet closed.
    const openItem = String.raw`\s*=\s*\[(?:[^\]"]*"[^"]*")*[^\]"]*"[^"]*$`;
    if (new RegExp(String.raw`\b(?:inherits|readers|exempt|roles)${openItem}`).test(before)) {
      return [...policy.roles.values()].map((r) => ({ label: r.name, kind: 'role', detail: r.description ?? (r.declared ? 'role' : 'predeclared role') }));
    }
    if (new RegExp(String.raw`\bkinds${openItem}`).test(before)) {
      return [
        { label: 'human', kind: 'kind', detail: 'a person' },
        { label: 'agent', kind: 'kind', detail: 'an AI agent or job acting for a person' },
      ];
    }
    if (/\bfunction\s*=\s*"[^"]*$/.test(before)) {
      return (
        [
          ['redact', { name: 'redact' }],
          ['partial(4)', { name: 'partial', showLast: 4 }],
          ['hash', { name: 'hash' }],
          ['null', { name: 'null' }],
        ] as const
      ).map(([label, fn]) => ({ label, kind: 'mask', detail: describeMaskFunction(fn) }));
    }
    const using = /\busing\s*=\s*"([^"]*)$/.exec(before);
    if (using) {
      if (/\{[A-Za-z_]*$/.test(using[1])) return placeholderNames.map((p) => ({ label: p, kind: 'placeholder', detail: `the session's ${p} (--attr ${p}=…)` }));
      return tableColumns(table);
    }
  } catch {
    return [];
  }
  return [];
}

/** The table block around an offset: from the parsed model, else from the nearest `table "x" {` above. */
function enclosingTable(file: PolicyFile, text: string, offset: number, positions: TextPositions): string | undefined {
  const position = positions.positionAt(offset);
  for (const table of file.tables) {
    const { start, end } = table.blockRange;
    const after = position.line > start.line || (position.line === start.line && position.character >= start.character);
    const before = position.line < end.line || (position.line === end.line && position.character <= end.character);
    if (after && before) return table.name.value;
  }
  const matches = [...text.slice(0, offset).matchAll(/^\s*table\s+"([^"]+)"/gm)];
  return matches.at(-1)?.[1];
}
