/**
 * The `cartograph` command (dist/cli.js): the same engine as the language server, headless.
 * Results go to stdout; progress and errors go to stderr.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { cartographVersion } from '../version';
import { scanDataPolicy } from '../policy/scanDataPolicy';
import { scanWorkspace } from '../workspace/scanWorkspace';
import { findingLines } from '../report/findingLines';
import { knownRules, toSarif } from '../report/sarif';
import { sarifRuleDescriptions } from '../rules/sarifRules';
import { defaultProfiles, profiles, unknownProfiles } from '../rules/profiles';
import type { FileFindings, FindingSeverity } from '../protocol/findings';
import { auditCommand } from './audit';
import { policyCommand } from './policy';
import { importCommand } from './import';
import { diagramCommand } from './diagram';
import { driftCommand } from './drift';

const io = { stdout: (s: string): void => void process.stdout.write(s), stderr: (s: string): void => void process.stderr.write(s) };

const usage = `Usage: cartograph <command> [options]

Commands:
  scan [dir]        Check the Terraform files under dir (default: the current folder), and its data
                    policy files with the SQL files they govern
      --format text|json|sarif   output format (default text)
      --fail-on critical|high|medium|low|none  (or error|warning|information)
                                  exit with 1 when a finding this severe or worse exists
                                  (default high; critical and high mean error, medium warning, low any)
      --profile P[,P…]           compliance profiles: baseline, eu-residency, tls13, cmek,
                                  least-privilege-iam, audit-retention, or all (default baseline)
      --allowed-regions R[,R…]   regions eu-residency allows (default: the EU and UK regions)
  diagram [dir] [--snapshot FILE] --view infra|security --out FILE.svg|FILE.html
                    Draw the Terraform, a snapshot or both (drift marked) (see cartograph diagram --help)
  drift [dir] --snapshot FILE [--state FILE] [--format text|json|sarif]
                    Link the Terraform to a snapshot and list what differs (see cartograph drift --help)
  import aws|azure  Import a cloud estate (read-only) into a snapshot (see cartograph import --help)
  policy preview --role R [--attr k=v]… [--format text|json] [--workspace DIR] file.sql
                    Show each statement as the role runs it under the data policy, with masked rows
  audit verify [file]   Check the audit log's hash chain (default ~/.cartograph/audit.jsonl)
  audit show [file]     List the audit log's entries
  lsp --stdio       Run the language server over stdin/stdout, for any LSP client

Options:
  --version         Print Cartograph's version
  --help            Print this help
`;

/** Exit codes: 0 clean, 1 findings at or above the threshold, 2 bad usage or an unreadable input. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`${cartographVersion}\n`);
    return 0;
  }
  switch (command) {
    case 'scan':
      return scan(rest);
    case 'audit':
      return auditCommand(rest, io);
    case 'policy':
      return policyCommand(rest, io);
    case 'import':
      return importCommand(rest, io);
    case 'diagram':
      return diagramCommand(rest, io);
    case 'drift':
      return driftCommand(rest, io);
    case 'lsp': {
      // The server module reads its transport (`--stdio`) from process.argv.
      await import('../server');
      return new Promise<number>(() => undefined);
    }
    default:
      process.stderr.write(`cartograph: unknown command '${command}'\n\n${usage}`);
      return 2;
  }
}

const severityRank: Record<FindingSeverity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** `--fail-on` levels, in code-scanning's words and in the editor's, mapped to the worst severity that passes. */
const failThresholds: Record<string, FindingSeverity | 'none'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'hint',
  error: 'error',
  warning: 'warning',
  information: 'information',
  none: 'none',
};

async function scan(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'high' },
      profile: { type: 'string', multiple: true },
      'allowed-regions': { type: 'string', multiple: true },
    },
  });
  const list = (values: string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const profileNames = list(values.profile);
  const profilesChosen = profileNames.length > 0 ? profileNames : [...defaultProfiles];
  const unknown = unknownProfiles(profilesChosen);
  if (unknown.length > 0) {
    process.stderr.write(`cartograph scan: unknown profile${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')} (choose from ${[...Object.keys(profiles), 'all'].join(', ')})\n`);
    return 2;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    process.stderr.write(`cartograph scan: --format must be text, json or sarif, not '${format}'\n`);
    return 2;
  }
  const failOn = failThresholds[values['fail-on'] ?? 'high'];
  if (failOn === undefined) {
    process.stderr.write(`cartograph scan: --fail-on must be critical, high, medium, low or none (or error, warning, information), not '${values['fail-on']}'\n`);
    return 2;
  }
  const root = path.resolve(positionals[0] ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    process.stderr.write(`cartograph scan: ${root} is not a folder\n`);
    return 2;
  }
  const interactive = process.stderr.isTTY;
  const result = await scanWorkspace(
    root,
    (done, total) => {
      if (interactive) process.stderr.write(`\rcartograph: parsed ${done}/${total} files`);
    },
    { profiles: profilesChosen, allowedRegions: list(values['allowed-regions']) },
  );
  if (interactive) process.stderr.write('\n');
  // Data policy files, and the SQL files a policy governs, are checked as the editor checks them.
  const dataPolicy = await scanDataPolicy(root);
  // Both walks meet the same unreadable folders: each is reported once.
  const skipped = new Map([...result.skipped, ...dataPolicy.skipped].map((s) => [s.path, s.reason]));
  for (const [file, reason] of skipped) process.stderr.write(`cartograph: skipped ${file}: ${reason}\n`);
  const scanned = [...result.files, ...dataPolicy.files];
  const withFindings = scanned.filter((f) => f.findings.length > 0);
  if (format === 'sarif') process.stdout.write(`${JSON.stringify(toSarif(withFindings, cartographVersion, { ...knownRules, ...sarifRuleDescriptions() }), null, 2)}\n`);
  else if (format === 'json') process.stdout.write(`${JSON.stringify({ version: cartographVersion, root, files: withFindings }, null, 2)}\n`);
  else process.stdout.write(textReport(withFindings, scanned.length));
  if (failOn === 'none') return 0;
  const threshold = severityRank[failOn];
  return withFindings.some((f) => f.findings.some((x) => severityRank[x.severity] >= threshold)) ? 1 : 0;
}

/** Findings grouped by file, one per line under it: position, severity, rule, message. */
function textReport(files: FileFindings[], scanned: number): string {
  const lines = findingLines(files);
  const count = files.reduce((n, f) => n + f.findings.length, 0);
  lines.push(`${count} finding${count === 1 ? '' : 's'} in ${scanned} file${scanned === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`cartograph: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
