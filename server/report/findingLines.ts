import type { FileFindings } from '../protocol/findings';

/**
 * Findings grouped by file for a terminal: the file's path, then one line per finding with its
 * position, severity, rule and message, then a blank line. Shared by `scan` and `drift`.
 */
export function findingLines(files: readonly FileFindings[]): string[] {
  const lines: string[] = [];
  for (const { file, findings } of files) {
    lines.push(file);
    const positions = findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`);
    const width = Math.max(...positions.map((p) => p.length));
    findings.forEach((f, i) => lines.push(`  ${positions[i].padEnd(width)}  ${f.severity.padEnd(7)}  ${f.code}  ${f.message}`));
    lines.push('');
  }
  return lines;
}
