/**
 * Golden-case annotations, in the style of rust-analyzer's diagnostics tests: a comment line under
 * the line it concerns, with carets under the range and the expected finding after them.
 *
 *   resource "aws_vpc" "main" { cidr_block = }
 *   #                           ^^^^^^^^^^^^ error CG-HCL-SYNTAX: ...
 *
 * Carets stand at the range's columns. A range starting at column 0, where the `#` stands, is
 * written `#<` followed by one caret per column (`#<^^^`; `#<` alone when empty). A zero-width range
 * elsewhere is a `|` at its column. A range that runs onto later lines is marked to the end of its
 * first line and its message ends with ` (…)`.
 */
import type { Finding } from '../../server/protocol/findings';

const annotationLine = /^\s*#(\s*)([\^|<]*)\s+(error|warning|information|hint) (\S+): /;

/** Removes annotation lines, giving the text the analysis runs on. */
export function stripAnnotations(text: string): string {
  return text
    .split('\n')
    .filter((line) => !annotationLine.test(line))
    .join('\n');
}

/** Writes the findings into the text as annotation lines, in a stable order. */
export function renderAnnotations(text: string, findings: readonly Finding[]): string {
  const lines = text.split('\n');
  const byLine = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = byLine.get(f.range.start.line) ?? [];
    list.push(f);
    byLine.set(f.range.start.line, list);
  }
  const out: string[] = [];
  lines.forEach((line, index) => {
    out.push(line);
    const here = (byLine.get(index) ?? []).sort((a, b) => a.range.start.character - b.range.start.character || a.message.localeCompare(b.message));
    for (const f of here) {
      const { start, end } = f.range;
      const multiLine = end.line > start.line;
      const width = multiLine ? Math.max(1, line.length - start.character) : end.character - start.character;
      const marker = width === 0 ? '|' : '^'.repeat(width);
      let prefix: string;
      if (start.character === 0) prefix = `#<${'^'.repeat(width)}`;
      else prefix = `#${' '.repeat(start.character - 1)}${marker}`;
      out.push(`${prefix} ${f.severity} ${f.code}: ${f.message}${multiLine ? ' (…)' : ''}`);
    }
  });
  return out.join('\n');
}
