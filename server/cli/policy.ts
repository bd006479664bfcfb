/**
 * `cartograph policy preview --role R [--attr key=value]… [--format text|json] [--workspace DIR] file.sql`
 *
 * Rewrites each statement of the file as the role would run it under the policy files found in the
 * file's folder and the folders above it (up to the workspace root), and, when the workspace has seed
 * data, runs the rewritten statements on an embedded Postgres and prints the rows.
 * Exit codes: 0 every statement ran, 1 a statement was refused or failed, 2 bad usage or input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { findRole } from '../policy/buildPolicy';
import { placeholderNames } from '../policy/policyModel';
import { type JsonValue, PreviewDatabase, type StatementRows } from '../policy/previewDatabase';
import { previewStatements, type StatementPreview } from '../policy/previewStatements';
import { loadPolicyWorkspace } from '../policy/policyWorkspace';
import { formatSql } from '../sql/formatSql';

export interface PolicyCommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const policyUsage = `Usage: cartograph policy preview --role ROLE [options] file.sql

  Shows each statement of file.sql as ROLE runs it under the workspace's data policy: the
  rewritten SQL (row filters and masks applied) or why it is refused, and the rows it returns
  when the workspace has seed data (INSERTs or <table>.csv beside the schema).

  --role ROLE            the role to preview as (e.g. Analyst)
  --attr key=value       a session attribute: ${placeholderNames.join(', ')}, or kind=human|agent
                         (repeat for several)
  --format text|json     output format (default text)
  --workspace DIR        the workspace root: policy files and schema are looked for from the
                         file's folder up to here (default: the current folder)

Exit codes: 0 every statement ran, 1 a statement was refused or failed, 2 bad usage or input.
`;

/** One statement in the JSON output. */
export interface JsonStatement {
  range: StatementPreview['range'];
  original: string;
  rewritten: string | null;
  refused: { reason: string; code: string; range: StatementPreview['range'] } | null;
  applied: StatementPreview['applied'];
  columns?: string[];
  rows?: Record<string, JsonValue>[];
  rowCount?: number;
  truncated?: boolean;
  error?: string;
}

export async function policyCommand(args: string[], io: PolicyCommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? io.stderr : io.stdout)(policyUsage);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'preview') {
    io.stderr(`cartograph policy: unknown subcommand '${sub}'\n\n${policyUsage}`);
    return 2;
  }
  let parsed: { values: { role?: string; attr?: string[]; format?: string; workspace?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        attr: { type: 'string', multiple: true },
        format: { type: 'string', default: 'text' },
        workspace: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`cartograph policy preview: ${error instanceof Error ? error.message : String(error)}\n\n${policyUsage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(policyUsage);
    return 0;
  }
  const usageError = (message: string): number => {
    io.stderr(`cartograph policy preview: ${message}\n`);
    return 2;
  };
  if (values.format !== 'text' && values.format !== 'json') return usageError(`--format must be text or json, not '${values.format}'`);
  if (!values.role) return usageError('--role is required (e.g. --role Analyst)');
  if (positionals.length !== 1) return usageError(`expected one SQL file, got ${positionals.length}`);
  const attributes: Record<string, string> = {};
  for (const attr of values.attr ?? []) {
    const eq = attr.indexOf('=');
    if (eq <= 0) return usageError(`--attr takes key=value, not '${attr}'`);
    const key = attr.slice(0, eq);
    const value = attr.slice(eq + 1);
    if (key !== 'kind' && !(placeholderNames as readonly string[]).includes(key)) {
      return usageError(`unknown session attribute '${key}' (expected ${placeholderNames.join(', ')} or kind)`);
    }
    if (key === 'kind' && value !== 'human' && value !== 'agent') return usageError(`kind must be human or agent, not '${value}'`);
    attributes[key] = value;
  }
  const file = path.resolve(positionals[0]);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return usageError(`cannot read ${positionals[0]}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error)}`);
  }
  const root = path.resolve(values.workspace ?? process.cwd());
  if (values.workspace !== undefined && !isDirectory(root)) return usageError(`--workspace ${values.workspace} is not a folder`);

  const workspace = await loadPolicyWorkspace(file, root);
  if (workspace.policy.files.length === 0) {
    return usageError(`no *.policy.hcl file in ${workspace.folders.map((f) => path.relative(process.cwd(), f) || '.').join(', ')} (searched from the file's folder up to the workspace root ${root}; use --workspace to widen it)`);
  }
  for (const policyFile of workspace.policy.files) {
    const errors = policyFile.findings.filter((f) => f.severity === 'error');
    for (const e of errors.slice(0, 5)) io.stderr(`${path.relative(process.cwd(), policyFile.path)}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.code}: ${e.message}\n`);
  }
  const role = findRole(workspace.policy, values.role);
  if (!role) return usageError(`the policy has no role '${values.role}' (roles: ${[...workspace.policy.roles.keys()].join(', ')})`);

  const previews = previewStatements(text, role.name, attributes, workspace.policy, workspace.schema);
  const results: JsonStatement[] = previews.map((p) => ({
    range: p.range,
    original: p.original,
    rewritten: p.rewritten,
    refused: p.refused,
    applied: p.applied,
  }));
  if (workspace.seed.statements.length > 0 && previews.some((p) => p.rewritten !== null)) {
    if (process.stderr.isTTY) io.stderr('cartograph: starting the embedded Postgres…\n');
    const db = await PreviewDatabase.start();
    try {
      for (const error of await db.load(workspace.schema, workspace.seed)) io.stderr(`cartograph: seed data: ${error}\n`);
      for (let i = 0; i < previews.length; i++) {
        const sql = previews[i].rewritten;
        if (sql === null) {
          results[i].rows = [];
          continue;
        }
        Object.assign(results[i], compactRows(await db.run(sql)));
      }
    } finally {
      await db.close();
    }
  }
  if (values.format === 'json') io.stdout(`${JSON.stringify({ statements: results }, null, 2)}\n`);
  else io.stdout(textReport(results, role.name, attributes, path.relative(process.cwd(), file) || file));
  return results.some((r) => r.refused !== null || r.error !== undefined) ? 1 : 0;
}

export function compactRows(result: StatementRows): Partial<JsonStatement> {
  const out: Partial<JsonStatement> = { columns: result.columns, rows: result.rows };
  if (result.rowCount !== undefined) out.rowCount = result.rowCount;
  if (result.truncated) out.truncated = true;
  if (result.error !== undefined) out.error = result.error;
  return out;
}

export function textReport(results: JsonStatement[], role: string, attributes: Record<string, string>, file: string): string {
  const attrs = Object.entries(attributes).map(([k, v]) => `${k}=${v}`).join(' ');
  const out: string[] = [`${file} as ${role}${attrs ? ` (${attrs})` : ''}: ${results.length} statement${results.length === 1 ? '' : 's'}`];
  results.forEach((r, index) => {
    out.push('', `-- statement ${index + 1}, line ${r.range.start.line + 1}`);
    if (r.refused) {
      out.push(`REFUSED (${r.refused.code}, line ${r.refused.range.start.line + 1}): ${r.refused.reason}`);
      return;
    }
    out.push(formatSql(r.rewritten ?? ''));
    for (const rule of r.applied) {
      out.push(rule.kind === 'row_filter' ? `  row filter ${rule.table}.${rule.name} on ${rule.alias}: ${rule.condition}` : `  mask ${rule.table}.${rule.column}: ${rule.function}`);
      out.push(`    why: ${rule.why}`);
    }
    if (r.error !== undefined) out.push(`ERROR: ${r.error}`);
    else if (r.rows !== undefined && r.columns !== undefined) {
      if (r.columns.length === 0) out.push(`(${r.rowCount ?? 0} row${r.rowCount === 1 ? '' : 's'} would change; rolled back)`);
      else out.push(renderTable(r.columns, r.rows, r.truncated === true));
    }
  });
  return `${out.join('\n')}\n`;
}

function renderTable(columns: string[], rows: Record<string, JsonValue>[], truncated: boolean): string {
  const cell = (v: JsonValue): string => (v === null ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]): string => values.map((v, i) => v.padEnd(widths[i])).join(' | ').trimEnd();
  const lines = [line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))];
  lines.push(`(${rows.length} row${rows.length === 1 ? '' : 's'}${truncated ? ', more not shown' : ''})`);
  return lines.join('\n');
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
