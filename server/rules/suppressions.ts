import type { TextRange } from '../protocol/findings';
import { externalRuleIds } from './externalRuleIds';
import type { RuleFinding, TextEdit } from './runRules';

/** The code of the warning shown where an expired suppression stands. */
export const expiredSuppressionCode = 'CG-SUPPRESSION-EXPIRED';
/** The code of the warning shown where a suppression gives no reason. */
export const reasonlessSuppressionCode = 'CG-SUPPRESSION-NO-REASON';

/** One suppression comment. */
export interface Suppression {
  tool: 'cartograph' | 'checkov' | 'tfsec' | 'trivy';
  /** Cartograph rule IDs it suppresses (other tools' IDs already mapped). */
  ruleIds: string[];
  /** As written: `CG-AWS-SG-001`, `CKV_AWS_24`, `aws-ec2-no-public-ingress-sgr`. */
  written: string;
  reason: string;
  /** `YYYY-MM-DD`; the suppression no longer applies after that day. */
  expires?: string;
  line: number;
  range: TextRange;
}

const commentStart = /(#|\/\/)/;

function mapped(id: string): string[] {
  if (/^CG-[A-Z0-9-]+$/.test(id)) return [id];
  return [...(externalRuleIds[id] ?? externalRuleIds[id.toLowerCase()] ?? [])];
}

/** Every suppression comment of a file, one entry per rule ID written. */
export function parseSuppressions(fileText: string): Suppression[] {
  const out: Suppression[] = [];
  fileText.split('\n').forEach((line, index) => {
    const start = line.search(commentStart);
    if (start === -1) return;
    const comment = line.slice(start);
    const range = { start: { line: index, character: start }, end: { line: index, character: line.replace(/\r$/, '').length } };
    const cg = /cartograph:ignore\s+([A-Z0-9_,\s-]*?[A-Z0-9])(?=\s|$)(.*)$/.exec(comment);
    if (cg) {
      let rest = cg[2];
      const exp = /\bexp:(\d{4}-\d{2}-\d{2})\b/.exec(rest);
      if (exp) rest = rest.replace(exp[0], '');
      for (const id of cg[1].split(/[\s,]+/).filter(Boolean)) out.push({ tool: 'cartograph', ruleIds: mapped(id), written: id, reason: rest.trim(), expires: exp?.[1], line: index, range });
    }
    const ckv = /checkov:skip=([A-Za-z0-9_,]+)(?::(.*))?/.exec(comment);
    if (ckv) for (const id of ckv[1].split(',').filter(Boolean)) out.push({ tool: 'checkov', ruleIds: mapped(id), written: id, reason: (ckv[2] ?? '').trim(), line: index, range });
    for (const m of comment.matchAll(/(tfsec|trivy):ignore:([A-Za-z0-9-]+)(?::exp:(\d{4}-\d{2}-\d{2}))?/g)) {
      out.push({ tool: m[1] as 'tfsec' | 'trivy', ruleIds: mapped(m[2]), written: m[2], reason: '', expires: m[3], line: index, range });
    }
  });
  return out;
}

/** True when the day `expires` is over at `today` (an expiry date is the last day it applies). */
function expired(expires: string | undefined, today: Date): boolean {
  if (!expires) return false;
  const todayText = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return todayText > expires;
}

/** Lines a suppression may stand on for a finding: the comment lines just above its block, and the block itself. */
function coveredBy(f: RuleFinding, s: Suppression, lines: string[]): boolean {
  if (s.line >= f.blockLine && s.line <= f.blockEndLine) return true;
  for (let l = f.blockLine - 1; l >= 0; l--) {
    const text = lines[l].trim();
    if (!(text.startsWith('#') || text.startsWith('//'))) return false;
    if (l === s.line) return true;
  }
  return false;
}

/**
 * Drops the findings a suppression comment covers, and reports each expired suppression that would
 * have covered one as a hint at the comment (the finding itself is reported again).
 */
export function applySuppressions(findings: readonly RuleFinding[], fileText: string, today: Date = new Date()): RuleFinding[] {
  const suppressions = parseSuppressions(fileText);
  if (suppressions.length === 0) return [...findings];
  // A suppression nobody can judge is a finding of its own: it still suppresses, and says so.
  const reasonless: RuleFinding[] = suppressions
    .filter((s) => s.tool === 'cartograph' && s.reason.trim() === '')
    .map((s) => ({
      code: reasonlessSuppressionCode,
      severity: 'warning',
      message: `The suppression of ${s.written} gives no reason: write why the finding is accepted after the rule ID`,
      range: s.range,
      address: '',
      blockLine: s.line,
      blockColumn: 0,
      blockEndLine: s.line,
      docs: '',
    }));
  const lines = fileText.split('\n');
  const kept: RuleFinding[] = [];
  const hints = new Map<string, RuleFinding>();
  for (const f of findings) {
    const matching = suppressions.filter((s) => s.ruleIds.includes(f.code) && coveredBy(f, s, lines));
    if (matching.some((s) => !expired(s.expires, today))) continue;
    kept.push(f);
    for (const s of matching) {
      const key = `${s.line}:${s.written}`;
      if (hints.has(key)) continue;
      hints.set(key, {
        ...f,
        code: expiredSuppressionCode,
        severity: 'warning',
        message: `The suppression of ${s.written} expired on ${s.expires}: ${f.code} is reported again`,
        range: s.range,
        fix: undefined,
      });
    }
  }
  return [...kept, ...hints.values(), ...reasonless].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * The edit of "Suppress … with a reason": a `# cartograph:ignore RULE [exp:DATE] reason` line above
 * the resource, indented like it. The reason is kept to one line.
 */
export function suppressionEdit(finding: RuleFinding, reason: string, expires?: string): TextEdit {
  if (expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expires)) throw new Error(`The expiry date must be written YYYY-MM-DD, not "${expires}"`);
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  const at = { line: finding.blockLine, character: 0 };
  const text = `${' '.repeat(finding.blockColumn)}# cartograph:ignore ${finding.code}${expires ? ` exp:${expires}` : ''}${oneLine ? ` ${oneLine}` : ''}\n`;
  return { range: { start: at, end: at }, newText: text };
}
