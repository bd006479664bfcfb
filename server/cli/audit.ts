/**
 * `cartograph audit verify [file] [--format text|json]` and `cartograph audit show [file]`.
 * Exit codes: 0 the chain is intact (or the listing was printed), 1 the chain is broken,
 * 2 bad usage or a file that cannot be read.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { parseArgs } from 'node:util';
import { defaultAuditLogPath, entryShapeProblem, type AuditEntry, type JsonValue } from '../audit/auditLog';
import { type AuditVerifyResult, verifyAuditLog } from '../audit/verifyAuditLog';

export interface AuditCommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const auditUsage = `Usage: cartograph audit <verify|show> [file] [options]

  verify [file]     Check the audit log's hash chain; name the first broken entry, if any
      --format text|json   output format (default text)
  show [file]       List the entries, one per line

The file defaults to $CARTOGRAPH_AUDIT_LOG, else ~/.cartograph/audit.jsonl.
Exit codes: 0 intact, 1 broken, 2 bad usage or unreadable file.
`;

export async function auditCommand(args: string[], io: AuditCommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? io.stderr : io.stdout)(auditUsage);
    return sub === undefined ? 2 : 0;
  }
  let parsed: { values: { format?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr(`cartograph audit ${sub}: ${error instanceof Error ? error.message : String(error)}\n\n${auditUsage}`);
    return 2;
  }
  if (parsed.values.help === true) {
    io.stdout(auditUsage);
    return 0;
  }
  if (parsed.positionals.length > 1) {
    io.stderr(`cartograph audit ${sub}: expected at most one file, got ${parsed.positionals.length}\n`);
    return 2;
  }
  const file = parsed.positionals[0] ?? defaultAuditLogPath();
  switch (sub) {
    case 'verify':
      return verify(file, parsed.values.format ?? 'text', io);
    case 'show':
      if (parsed.values.format !== 'text') {
        io.stderr('cartograph audit show: --format applies to verify only\n');
        return 2;
      }
      return show(file, io);
    default:
      io.stderr(`cartograph audit: unknown subcommand '${sub}'\n\n${auditUsage}`);
      return 2;
  }
}

async function verify(file: string, format: string, io: AuditCommandIo): Promise<number> {
  if (format !== 'text' && format !== 'json') {
    io.stderr(`cartograph audit verify: --format must be text or json, not '${format}'\n`);
    return 2;
  }
  const unreadable = checkReadable(file);
  if (unreadable !== undefined) {
    io.stderr(`cartograph audit verify: ${unreadable}\n`);
    return 2;
  }
  let result: AuditVerifyResult;
  try {
    result = await verifyAuditLog(file);
  } catch (error) {
    io.stderr(`cartograph audit verify: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ file, ...result }, null, 2)}\n`);
  } else if (result.ok) {
    const count = `${result.entries.toLocaleString('en-US')} ${result.entries === 1 ? 'entry' : 'entries'}`;
    io.stdout(
      result.entries === 0
        ? `${file}: intact (empty)\n`
        : `${file}: intact, ${count}\n  last entry: seq ${result.lastSeq}, hash ${result.lastHash}\n` +
            '  (keep the last hash elsewhere: a later verify can then tell whether entries were cut from the end)\n',
    );
  } else {
    const seq = result.brokenAt.seq === undefined ? '' : ` (seq ${result.brokenAt.seq})`;
    io.stdout(
      `${file}: BROKEN at line ${result.brokenAt.line}${seq}: ${result.reason}\n  ${result.message}\n` +
        `  ${result.entries.toLocaleString('en-US')} ${result.entries === 1 ? 'entry' : 'entries'} before it verified\n`,
    );
  }
  return result.ok ? 0 : 1;
}

async function show(file: string, io: AuditCommandIo): Promise<number> {
  const unreadable = checkReadable(file);
  if (unreadable !== undefined) {
    io.stderr(`cartograph audit show: ${unreadable}\n`);
    return 2;
  }
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  let unreadableLines = 0;
  try {
    for await (const text of lines) {
      lineNo++;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (value === undefined || entryShapeProblem(value) !== undefined) {
        unreadableLines++;
        io.stdout(`line ${lineNo}: (not an audit entry)\n`);
        continue;
      }
      io.stdout(`${describeEntry(value as AuditEntry)}\n`);
    }
  } catch (error) {
    io.stderr(`cartograph audit show: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (unreadableLines > 0) io.stderr(`cartograph audit show: ${unreadableLines} line(s) are not entries; run \`cartograph audit verify\`\n`);
  return 0;
}

/** One line per entry: `#12 2024-05-01 12:34:56Z import.completed alice@m1 connection=prod regions=[eu-west-1]`. */
export function describeEntry(entry: AuditEntry): string {
  const when = entry.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const who = typeof entry.actor.machineId !== 'string' ? entry.actor.user : `${entry.actor.user}@${entry.actor.machineId.slice(0, 8)}`;
  const what = Object.entries(entry.details)
    .map(([key, value]) => `${key}=${describeValue(value)}`)
    .join(' ');
  return `#${entry.seq} ${when} ${entry.action} ${who}${what === '' ? '' : ` ${what}`}`;
}

function describeValue(value: JsonValue): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${describeValue(v)}`)
      .join(' ')}}`;
  }
  return String(value);
}

function checkReadable(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return `no audit log at ${file} (give a file, or set $CARTOGRAPH_AUDIT_LOG)`;
  }
  return stat.isFile() ? undefined : `${file} is not a file`;
}
