/**
 * Diagnostics for a `.sql` file under the workspace's policy: statements that do not parse, joins
 * that can mix tenants, statements the rewriter refuses, and personal data in the query text.
 *
 * With a role (the preview role of the status bar) every refusal for that role is reported. Without
 * one, the file is checked for every role of the policy: a problem that holds for every role is an
 * error; a cross-tenant join that only some roles could make is a warning that names them; a table
 * some roles may not read is the policy working, not a problem of the query, and is not reported.
 * Statements that define the schema are never reported as refused, and a file without queries (a
 * schema or seed file) has only its syntax checked.
 */
import type { Finding } from '../protocol/findings';
import { parseSqlStatements } from '../sql/pgParser';
import { piiFindings } from '../sql/piiLiterals';
import { holdsQueries } from '../sql/seedData';
import type { Schema } from '../sql/schema';
import { TextPositions } from '../sql/textPositions';
import { placeholderNames } from './policyModel';
import type { Policy } from './policyModel';
import { tokenRange } from './previewStatements';
import { brokenPolicyReason, rewriteStatement } from './rewriter';
import { sessionRules } from './sessionRules';
import { sessionFor } from './previewStatements';

/** Options of `sqlDiagnostics`: the preview session, when the user has picked one. */
export interface SqlDiagnosticsOptions {
  role?: string;
  attributes?: Readonly<Record<string, string>>;
}

/** Diagnostics for one SQL text. Never throws. */
export function sqlDiagnostics(text: string, policy: Policy, schema: Schema, options: SqlDiagnosticsOptions = {}): Finding[] {
  const findings: Finding[] = [];
  try {
    const positions = new TextPositions(text);
    const statements = parseSqlStatements(text, positions);
    // Without attributes every placeholder is bound to its own name, so that two filters on {org_id}
    // still pin both tables to one tenant.
    const placeholderValues = Object.fromEntries(placeholderNames.map((p) => [p, `{${p}}`]));
    const roles = options.role !== undefined ? [options.role] : [...policy.roles.keys()];
    // A file without queries holds the schema and its seed rows: it defines what queries read, and
    // its rows are test data. Only its syntax is checked.
    const seedFile = !holdsQueries(statements);
    // While a policy file does not parse, every statement is refused for that one reason: said once.
    const broken = policy.broken;
    const first = statements.find((s) => s.ast !== undefined);
    if (broken && first && !seedFile) findings.push({ code: 'CG-SQL-REFUSED', severity: 'error', message: brokenPolicyReason(broken), range: tokenRange(positions, first.start) });
    for (const statement of statements) {
      if (!statement.ast) {
        const at = statement.error?.offset ?? statement.start;
        findings.push({ code: 'CG-SQL-SYNTAX', severity: 'error', message: `Syntax error: ${statement.error?.message ?? 'the statement does not parse'}`, range: tokenRange(positions, at) });
        continue;
      }
      const type = Object.keys(statement.ast)[0];
      if (broken || definesSchema(type) || (seedFile && type === 'InsertStmt')) continue;
      const byReason = new Map<string, { code: string; offset: number; roles: string[] }>();
      for (const role of roles) {
        const kinds = policy.roles.get(role)?.kinds;
        const attributes = { ...placeholderValues, kind: kinds?.length ? kinds[0].value : 'human', ...(options.attributes ?? {}) };
        const session = sessionFor(policy, role, attributes);
        const result = rewriteStatement(statement.ast, sessionRules(policy, schema, session));
        if (!result.refused) continue;
        const key = `${result.refused.code}\u0000${result.refused.reason.replace(new RegExp(`\\b${escapeRegExp(session.role)}\\b`, 'g'), roleMarker)}`;
        const entry = byReason.get(key) ?? { code: result.refused.code, offset: result.refused.location !== undefined ? statement.offsetOfLocation(result.refused.location) : statement.start, roles: [] };
        entry.roles.push(session.role);
        byReason.set(key, entry);
      }
      for (const [key, entry] of byReason) {
        const reason = key.split('\u0000')[1];
        const everyRole = entry.roles.length === roles.length;
        const forRoles = entry.roles.join(', ');
        if (options.role !== undefined) {
          findings.push({ code: entry.code, severity: 'error', message: reason.split(roleMarker).join(forRoles), range: tokenRange(positions, entry.offset) });
        } else if (entry.code === 'CG-SQL-CROSS-TENANT') {
          findings.push({
            code: entry.code,
            severity: everyRole ? 'error' : 'warning',
            message: reason.split(roleMarker).join(everyRole ? 'every role' : forRoles),
            range: tokenRange(positions, entry.offset),
          });
        } else if (everyRole) {
          findings.push({ code: entry.code, severity: 'error', message: reason.split(roleMarker).join('the role'), range: tokenRange(positions, entry.offset) });
        }
      }
    }
    if (!seedFile) findings.push(...piiFindings(text, positions));
  } catch (error) {
    findings.push({
      code: 'CG-SQL-INTERNAL',
      severity: 'error',
      message: `Cartograph could not check this file: ${error instanceof Error ? error.message : String(error)}`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * Statements that define the schema (tables, views, indexes, types, comments, grants): the preview
 * does not run them, and they are no query's problem. `CREATE TABLE … AS SELECT` runs a query, so
 * it is not one of them.
 */
function definesSchema(type: string): boolean {
  if (type === 'CreateTableAsStmt') return false;
  return type.startsWith('Create') || type.startsWith('Alter') || ['ViewStmt', 'IndexStmt', 'CommentStmt', 'CompositeTypeStmt', 'DefineStmt', 'GrantStmt', 'GrantRoleStmt', 'RuleStmt'].includes(type);
}

/** Stands for the role's name in a refusal reason while reasons of several roles are grouped. */
const roleMarker = '{{role}}';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
