/**
 * The preview of a SQL text under a policy: each statement with its rewritten SQL (exactly what
 * would run) or the reason it is refused, and the rules applied. Pure and synchronous; running the
 * rewritten SQL on seed data is `previewDatabase.ts`.
 */
import type { TextRange } from '../protocol/findings';
import { deparseStatement, parseSqlStatements, type SqlStatement } from '../sql/pgParser';
import type { Schema } from '../sql/schema';
import { TextPositions } from '../sql/textPositions';
import { findRole } from './buildPolicy';
import type { Policy, PreviewSession, PrincipalKind } from './policyModel';
import { type AppliedRule, type RewriterFaults, rewriteStatement } from './rewriter';
import { sessionRules } from './sessionRules';

/** One statement of the previewed text. */
export interface StatementPreview {
  range: TextRange;
  /** The statement as written. */
  original: string;
  /** The exact SQL that runs for the session; null when the statement is refused. */
  rewritten: string | null;
  /** Why the statement does not run, with the range of what is at fault; null when it runs. */
  refused: { code: string; reason: string; range: TextRange } | null;
  applied: AppliedRule[];
}

/** The session attributes as the CLI and the status bar take them: `kind` picks the principal kind. */
export function sessionFor(policy: Policy, role: string, attributes: Readonly<Record<string, string>>): PreviewSession {
  const declared = findRole(policy, role);
  const kind: PrincipalKind =
    attributes.kind === 'agent' || attributes.kind === 'human'
      ? attributes.kind
      : attributes.agent_id !== undefined || (declared?.kinds?.length === 1 && declared.kinds[0].value === 'agent')
        ? 'agent'
        : 'human';
  return { role: declared?.name ?? role, kind, attributes };
}

/** Previews every statement of `text` as `role` with the given session attributes. */
export function previewStatements(
  text: string,
  role: string,
  attributes: Readonly<Record<string, string>>,
  policy: Policy,
  schema: Schema,
  faults?: RewriterFaults,
): StatementPreview[] {
  const positions = new TextPositions(text);
  const statements = parseSqlStatements(text, positions);
  const session = sessionFor(policy, role, attributes);
  const rules = sessionRules(policy, schema, session);
  return statements.map((statement) => previewOne(statement, positions, rules, faults));
}

function previewOne(statement: SqlStatement, positions: TextPositions, rules: ReturnType<typeof sessionRules>, faults: RewriterFaults | undefined): StatementPreview {
  const base = { range: statement.range, original: statement.text };
  if (!statement.ast) {
    const at = statement.error?.offset ?? statement.start;
    return {
      ...base,
      rewritten: null,
      refused: { code: 'CG-SQL-SYNTAX', reason: `the statement does not parse: ${statement.error?.message ?? 'syntax error'}`, range: tokenRange(positions, at) },
      applied: [],
    };
  }
  if (!rules.policy.roles.has(rules.session.role)) {
    const known = [...rules.policy.roles.keys()].join(', ');
    return { ...base, rewritten: null, refused: { code: 'CG-SQL-REFUSED', reason: `the policy has no role ${rules.session.role} (roles: ${known})`, range: tokenRange(positions, statement.start) }, applied: [] };
  }
  const result = rewriteStatement(statement.ast, rules, faults, { inPlace: true });
  if (result.refused || !result.ast) {
    const at = result.refused?.location !== undefined ? statement.offsetOfLocation(result.refused.location) : statement.start;
    return {
      ...base,
      rewritten: null,
      refused: { code: result.refused?.code ?? 'CG-SQL-REFUSED', reason: result.refused?.reason ?? 'refused', range: tokenRange(positions, at) },
      applied: [],
    };
  }
  let rewritten: string;
  try {
    rewritten = deparseStatement(result.ast);
  } catch (error) {
    return {
      ...base,
      rewritten: null,
      refused: { code: 'CG-SQL-REFUSED', reason: `the rewritten statement could not be written back as SQL (${error instanceof Error ? error.message : String(error)})`, range: tokenRange(positions, statement.start) },
      applied: [],
    };
  }
  return { ...base, rewritten, refused: null, applied: result.applied };
}

/** The range of the word or quoted name at an offset, for pointing at what a message is about. */
export function tokenRange(positions: TextPositions, offset: number): TextRange {
  const rest = positions.text.slice(offset);
  const match = /^("(?:[^"]|"")*"|'(?:[^']|'')*'|[\p{L}\p{N}_$]+|\S)/u.exec(rest);
  return positions.range(offset, offset + (match ? match[0].length : 0));
}
