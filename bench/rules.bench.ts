/**
 * Compliance rules at scale: a full scan (index + every rule of every profile) of a workspace of
 * about 2,000 files against the index alone, in the same run. Goal: ≤ 1.5× the index time.
 *
 *   node --require tsx/cjs bench/rules.bench.ts [--copies 118]
 *
 * The workspace is the demo's Terraform (examples/terraform, 17 files with planted risks) copied
 * into `--copies` module folders, so every rule meets real, varied resources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { HclParser } from '../server/terraform/hclParser';
import { WorkspaceIndex } from '../server/terraform/workspaceIndex';
import { modelText } from '../server/workspace/parseFile';
import { runRules } from '../server/rules/runRules';
import { applySuppressions } from '../server/rules/suppressions';

const { values } = parseArgs({ options: { copies: { type: 'string', default: '118' } } });
const copies = Number(values.copies);

function demoFiles(dir: string, prefix = ''): { rel: string; text: string }[] {
  const out: { rel: string; text: string }[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...demoFiles(path.join(dir, e.name), rel));
    else if (e.name.endsWith('.tf') || e.name.endsWith('.tfvars')) out.push({ rel, text: fs.readFileSync(path.join(dir, e.name), 'utf8') });
  }
  return out;
}

async function main(): Promise<void> {
  const demo = demoFiles(path.join(__dirname, '..', 'examples', 'terraform'));
  const files: { uri: string; text: string }[] = [];
  for (let c = 0; c < copies; c++) for (const f of demo) files.push({ uri: `file:///bench/copy${c}/${f.rel}`, text: f.text });
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  console.log(`workspace: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB (${copies} copies of the demo)`);
  const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
  // Warm up the parser and the rules on one copy.
  const warm = new WorkspaceIndex();
  for (const f of files.slice(0, demo.length)) warm.setFile(modelText(parsers, f.text, f.uri));
  for (const m of warm.allFiles()) runRules(warm, m, { profiles: ['all'] });

  let t = performance.now();
  const index = new WorkspaceIndex();
  for (const f of files) index.setFile(modelText(parsers, f.text, f.uri));
  const indexMs = performance.now() - t;

  t = performance.now();
  let findings = 0;
  const texts = new Map(files.map((f) => [f.uri, f.text]));
  for (const m of index.allFiles()) findings += applySuppressions(runRules(index, m, { profiles: ['all'] }), texts.get(m.uri) ?? '').length;
  const rulesMs = performance.now() - t;
  console.log(`index alone (parse + model): ${(indexMs / 1000).toFixed(2)} s`);
  console.log(`rules, every profile: ${(rulesMs / 1000).toFixed(2)} s, ${findings} findings (${(findings / copies).toFixed(0)} per copy of the demo)`);
  console.log(`full scan (index + rules): ${((indexMs + rulesMs) / 1000).toFixed(2)} s, ratio to the index alone ${((indexMs + rulesMs) / indexMs).toFixed(2)} (goal ≤ 1.5)`);
  parsers.terraform.delete();
  parsers.hcl.delete();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
