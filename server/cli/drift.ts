/**
 * `cartograph drift [dir] --snapshot FILE [--state FILE] [--format text|json|sarif] [--severity S]`:
 * links the Terraform under dir to a snapshot (through `dir/terraform.tfstate` when present, or
 * --state) and lists the drift. Exit codes: 0 no drift, 1 drift, 2 bad usage or an unreadable input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { URI } from 'vscode-uri';
import { readSnapshot } from '../cloud/snapshotStore';
import { driftFindings } from '../link/drift';
import { liveRuleFindings, type LiveFinding } from '../link/liveFindings';
import { codeFindingKeys, liveOnlyFindings } from '../link/liveOnlyFindings';
import { defaultProfiles, profiles, unknownProfiles } from '../rules/profiles';
import type { RuleFinding } from '../rules/runRules';
import { sarifRuleDescriptions } from '../rules/sarifRules';
import { driftRuleDescriptions } from '../link/driftRules';
import { linkAndCompare, workspaceStates } from '../link/linkSession';
import type { FileFindings, Finding, FindingSeverity } from '../protocol/findings';
import { findingLines } from '../report/findingLines';
import { toSarif } from '../report/sarif';
import { cartographVersion } from '../version';
import { indexFolder } from '../workspace/indexFolder';

export const driftUsage = `Usage: cartograph drift [dir] --snapshot FILE [--state FILE] [--format text|json|sarif] [--severity S]

  dir               Terraform folder (default: the current folder)
  --snapshot FILE   a Cartograph snapshot (cartograph import)
  --state FILE      a Terraform state file (default: dir/terraform.tfstate when it exists)
  --format F        text (default), json or sarif
  --severity S      severity of drift findings: error, warning (default), information or hint
  --profile P[,P…]  compliance profiles run on the live resources too (default baseline; none for no rules)
  --allowed-regions R[,R…]  regions eu-residency allows (default: the EU and UK regions)
Exit codes: 0 nothing found, 1 drift or a rule finding on live resources, 2 bad usage or an unreadable input.
`;

const severities = new Set<FindingSeverity>(['error', 'warning', 'information', 'hint']);

export async function driftCommand(args: string[], io: { stdout(s: string): void; stderr(s: string): void }): Promise<number> {
  let values: { snapshot?: string; state?: string; format?: string; severity?: string; profile?: string[]; 'allowed-regions'?: string[]; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { snapshot: { type: 'string' }, state: { type: 'string' }, format: { type: 'string', default: 'text' }, severity: { type: 'string', default: 'warning' }, profile: { type: 'string', multiple: true }, 'allowed-regions': { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    io.stderr(`cartograph drift: ${error instanceof Error ? error.message : String(error)}\n\n${driftUsage}`);
    return 2;
  }
  if (values.help) {
    io.stdout(driftUsage);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    io.stderr(`cartograph drift: --format must be text, json or sarif, not '${format}'\n`);
    return 2;
  }
  const severity = (values.severity ?? 'warning') as FindingSeverity;
  if (!severities.has(severity)) {
    io.stderr(`cartograph drift: --severity must be error, warning, information or hint, not '${values.severity}'\n`);
    return 2;
  }
  const list = (v: string[] | undefined): string[] => (v ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  const profileNames = list(values.profile);
  const noRules = profileNames.length === 1 && profileNames[0] === 'none';
  const chosen = profileNames.length > 0 && !noRules ? profileNames : [...defaultProfiles];
  const unknown = noRules ? [] : unknownProfiles(chosen);
  if (unknown.length > 0) {
    io.stderr(`cartograph drift: unknown profile ${unknown.map((u) => `'${u}'`).join(', ')} (choose from ${[...Object.keys(profiles), 'all', 'none'].join(', ')})\n`);
    return 2;
  }
  if (!values.snapshot) {
    io.stderr(`cartograph drift: --snapshot FILE is required (write one with cartograph import)\n\n${driftUsage}`);
    return 2;
  }
  const root = path.resolve(positionals[0] ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    io.stderr(`cartograph drift: ${root} is not a folder\n`);
    return 2;
  }
  let snapshot;
  try {
    snapshot = await readSnapshot(path.resolve(values.snapshot));
  } catch (error) {
    io.stderr(`cartograph drift: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const index = await indexFolder(root, 'drift', io.stderr);
  const { states, problems } = workspaceStates(index, values.state, root);
  if (problems.length > 0) {
    for (const p of problems) io.stderr(`cartograph drift: ${p}\n`);
    return 2;
  }
  const { links, drift: report } = linkAndCompare(index, snapshot, states);
  const byUri: Map<string, Finding[]> = driftFindings(report, severity);
  // The rules on the live resources: what the console changed that the code does not show.
  const ruleOptions = { profiles: chosen, allowedRegions: list(values['allowed-regions']) };
  const onLive = noRules ? { placed: new Map<string, RuleFinding[]>(), unmanaged: [] as LiveFinding[] } : liveOnlyFindings(links, liveRuleFindings(snapshot, ruleOptions), codeFindingKeys(index, ruleOptions), snapshot.importedAt);
  for (const [uri, findings] of onLive.placed) byUri.set(uri, [...(byUri.get(uri) ?? []), ...findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  const relative = (uri: string): string => path.relative(root, URI.parse(uri).fsPath).split(path.sep).join('/');
  const files: FileFindings[] = [...byUri].map(([uri, findings]) => ({ file: relative(uri), findings })).sort((a, b) => (a.file < b.file ? -1 : 1));
  const unplaced = report.items.filter((i) => !i.uri);
  if (format === 'sarif') io.stdout(`${JSON.stringify(toSarif(files, cartographVersion, { ...sarifRuleDescriptions(), ...driftRuleDescriptions }), null, 2)}\n`);
  else if (format === 'json') {
    io.stdout(
      `${JSON.stringify(
        {
          version: cartographVersion,
          root,
          snapshot: { file: path.resolve(values.snapshot), importedAt: snapshot.importedAt, provider: snapshot.provider },
          ...(states.length > 0 ? { state: states.length === 1 ? states[0].file : states.map((st) => st.file) } : {}),
          links: links.links.map((l) => ({ address: l.address, file: relative(l.instance.declaration.uri), liveId: l.live.id, liveType: l.live.type, method: l.method, confidence: l.confidence, evidence: l.evidence })),
          ambiguous: links.ambiguous.map((a) => ({ address: a.address, candidates: a.candidates, evidence: a.evidence })),
          drift: report.items.map((i) => ({ ...i, uri: undefined, ...(i.uri ? { file: relative(i.uri) } : {}) })),
          implicit: report.implicit.map((r) => r.id),
          liveFindings: onLive.unmanaged,
          files,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const lines: string[] = [];
    lines.push(`Snapshot ${path.basename(values.snapshot)} (${snapshot.provider}, taken ${snapshot.importedAt})${states.length > 0 ? `, state ${states.map((st) => path.relative(root, st.file)).join(', ')}` : ', no state file'}`);
    const methods = new Map<string, number>();
    for (const l of links.links) methods.set(l.method, (methods.get(l.method) ?? 0) + 1);
    lines.push(`${links.links.length} resource${links.links.length === 1 ? '' : 's'} linked (${[...methods].map(([m, n]) => `${n} by ${m}`).join(', ') || 'none'}), ${links.ambiguous.length} ambiguous`);
    for (const a of links.ambiguous) lines.push(`  ambiguous: ${a.address} (${a.evidence}): ${a.candidates.join(', ')}`);
    lines.push('');
    lines.push(...findingLines(files));
    const count = files.reduce((n, f) => n + f.findings.length, 0);
    for (const item of unplaced) lines.push(`  ${item.code}  ${item.message}`);
    if (onLive.unmanaged.length > 0) {
      lines.push('On live resources no code manages:');
      for (const f of onLive.unmanaged) lines.push(`  ${f.severity.padEnd(7)}  ${f.code}  ${f.liveId}${f.name ? ` (${f.name})` : ''}: ${f.message}`);
      lines.push('');
    }
    if (report.implicit.length > 0) lines.push(`${report.implicit.length} live resource${report.implicit.length === 1 ? '' : 's'} created by AWS with managed ones (default groups, main route tables, interfaces) not counted as drift`);
    const placedCount = [...onLive.placed.values()].reduce((n, l) => n + l.length, 0);
    const driftCount = count + unplaced.length - placedCount;
    lines.push(`${driftCount} drift finding${driftCount === 1 ? '' : 's'}, ${placedCount + onLive.unmanaged.length} rule finding${placedCount + onLive.unmanaged.length === 1 ? '' : 's'} on live resources that the code does not show`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  return report.items.length > 0 || onLive.placed.size > 0 || onLive.unmanaged.length > 0 ? 1 : 0;
}

