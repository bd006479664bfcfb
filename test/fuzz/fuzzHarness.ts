/**
 * Cartograph's fuzz harness: generated and mutated inputs through every analysis entry point of the
 * engine, asserting that none throws, each finishes within a time bound, and every diagnostic's
 * range lies inside its document. `npm run fuzz` runs it long and prints inputs/s and the slowest
 * input; the unit suite runs a short, seeded pass of it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { Finding } from '../../server/protocol/findings';
import { HclParser } from '../../server/terraform/hclParser';
import { WorkspaceIndex } from '../../server/terraform/workspaceIndex';
import { modelText, packText } from '../../server/workspace/parseFile';
import { summarise, unpackModel } from '../../server/terraform/packedModel';
import { isDeepStrictEqual } from 'node:util';
import { fileDiagnostics } from '../../server/terraform/moduleDiagnostics';
import { hoverAt } from '../../server/terraform/hover';
import { completionsAt } from '../../server/terraform/completion';
import { definition } from '../../server/terraform/navigation';
import { semanticTokens } from '../../server/terraform/semanticTokens';
import { foldingRanges, outline } from '../../server/terraform/outline';
import { parsePolicyFile } from '../../server/policy/policyParser';
import { buildPolicy } from '../../server/policy/buildPolicy';
import { policyDiagnostics } from '../../server/policy/policyDiagnostics';
import { sqlDiagnostics } from '../../server/policy/sqlDiagnostics';
import { previewStatements } from '../../server/policy/previewStatements';
import { loadPgParser } from '../../server/sql/pgParser';
import { schemaFromSql } from '../../server/sql/schema';
import { URI } from 'vscode-uri';
import { parseSnapshot } from '../../server/cloud/snapshotStore';
import { buildDiagram } from '../../server/diagram/buildDiagram';
import { renderSvg } from '../../server/diagram/renderSvg';
import { liveRuleFindings } from '../../server/link/liveFindings';
import { linkAndCompare } from '../../server/link/linkSession';
import { parseTerraformState } from '../../server/link/tfstate';
import { linkHoverMarkdown, codeLensesFor } from '../../server/link/linkPresentation';

export type FuzzKind = 'terraform' | 'tfvars' | 'policy' | 'sql' | 'snapshot' | 'tfstate';

export interface FuzzFailure {
  kind: FuzzKind;
  input: string;
  problem: string;
}

export interface FuzzStats {
  inputs: number;
  seconds: number;
  slowest: { kind: FuzzKind; ms: number; input: string };
  failures: FuzzFailure[];
}

const root = path.join(__dirname, '..', '..');

function readCorpus(dir: string, test: (name: string) => boolean, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') readCorpus(full, test, out);
    else if (entry.isFile() && test(entry.name)) out.push(fs.readFileSync(full, 'utf8'));
  }
  return out;
}

/** The seeds mutations start from: the golden cases and the demo workspace. */
export function corpus(): Record<FuzzKind, string[]> {
  return {
    terraform: readCorpus(path.join(root, 'test', 'golden'), (n) => n.endsWith('.tf')).concat(readCorpus(path.join(root, 'examples'), (n) => n.endsWith('.tf'))),
    tfvars: readCorpus(path.join(root, 'test', 'golden'), (n) => n.endsWith('.tfvars')).concat(readCorpus(path.join(root, 'examples'), (n) => n.endsWith('.tfvars'))),
    policy: readCorpus(path.join(root, 'examples'), (n) => n.endsWith('.policy.hcl')).concat(readCorpus(path.join(root, 'test'), (n) => n.endsWith('.policy.hcl'))),
    sql: readCorpus(path.join(root, 'examples'), (n) => n.endsWith('.sql')).concat(readCorpus(path.join(root, 'test', 'golden'), (n) => n.endsWith('.sql'))),
    snapshot: readCorpus(path.join(root, 'examples', 'snapshot'), (n) => n.endsWith('.json')).concat(readCorpus(path.join(root, 'test', 'golden'), (n) => n === 'snapshot.json')),
    tfstate: readCorpus(path.join(root, 'examples'), (n) => n.endsWith('.tfstate')).concat(readCorpus(path.join(root, 'test'), (n) => n.endsWith('.tfstate'))),
  };
}

/** Pieces that break parsers: unbalanced brackets and quotes, heredoc markers, NUL, lone surrogates, deep nesting. */
const nasty = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '<<EOT\n', '<<-EOT\n', '\nEOT\n', '#', '/*', '*/', '\\', '\0', '\uD800', '\uDFFF', '\uFFFD', '😀', '\r\n', '=', '.', ',', '...', '? :', 'var.', 'local.', 'module.', "'", ';', '--', '$$', '::', 'SELECT', ' JOIN ', '{org_id}'];

function mutation(seeds: string[]): fc.Arbitrary<string> {
  const seed = seeds.length ? fc.constantFrom(...seeds) : fc.constant('');
  const edit = fc.oneof(
    fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 })) }),
    fc.record({ op: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ op: fc.constant('duplicate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  );
  return fc.tuple(seed, fc.array(edit, { minLength: 1, maxLength: 8 })).map(([text, edits]) => {
    let t = text;
    for (const e of edits) {
      const at = Math.floor(e.at * t.length);
      if (e.op === 'insert') t = t.slice(0, at) + e.text + t.slice(at);
      else if (e.op === 'delete') t = t.slice(0, at) + t.slice(at + e.length);
      else if (e.op === 'duplicate') t = t.slice(0, at) + t.slice(at, at + e.length) + t.slice(at);
      else t = t.slice(0, at);
    }
    return t;
  });
}

/** Wrong types, huge arrays and deep nesting put at a random place of a JSON seed (snapshots, state files). */
const jsonJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, -1, 1e308, '', 'x', true, [], {}, '\u0000', '\uD800', 'sg-0', 'vpc-0'),
  fc.integer({ min: 1000, max: 50000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 100, max: 3000 }).map((n) => JSON.parse(`${'['.repeat(n)}1${']'.repeat(n)}`) as unknown),
  fc.jsonValue({ maxDepth: 3 }),
);

function jsonMutation(seeds: string[]): fc.Arbitrary<string> {
  const seed = seeds.length ? fc.constantFrom(...seeds) : fc.constant('{}');
  return fc.tuple(seed, fc.array(fc.tuple(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }), jsonJunk), { minLength: 1, maxLength: 4 })).map(([text, edits]) => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return text;
    }
    for (const [steps, junk] of edits) {
      // Walk down a random path, then replace what is there (or the root).
      let parent: Record<string, unknown> | unknown[] | undefined;
      let key: string | number | undefined;
      let node: unknown = data;
      for (const step of steps) {
        if (Array.isArray(node) && node.length > 0) {
          parent = node;
          key = Math.floor(step * node.length);
          node = node[key];
        } else if (node && typeof node === 'object' && Object.keys(node).length > 0) {
          const keys = Object.keys(node);
          parent = node as Record<string, unknown>;
          key = keys[Math.floor(step * keys.length)];
          node = (node as Record<string, unknown>)[key];
        } else break;
      }
      if (parent === undefined || key === undefined) data = junk;
      else (parent as Record<string | number, unknown>)[key] = junk;
    }
    return JSON.stringify(data);
  });
}

/** Inputs no seed leads to: deep nesting, huge arrays, long lines, random text. */
function generated(kind: FuzzKind): fc.Arbitrary<string> {
  const deep = fc.integer({ min: 50, max: 3000 }).map((n) => (kind === 'sql' ? `SELECT ${'('.repeat(n)}1${')'.repeat(n)}` : `locals {\n  x = ${'['.repeat(n)}1${']'.repeat(n)}\n}\n`));
  const huge = fc.integer({ min: 1000, max: 20000 }).map((n) => (kind === 'sql' ? `SELECT ${Array.from({ length: n }, (_, i) => i).join(', ')}` : `locals {\n  x = [${Array.from({ length: n }, (_, i) => `"${i}"`).join(', ')}]\n}\n`));
  const longLine = fc.integer({ min: 10000, max: 200000 }).map((n) => `a = "${'x'.repeat(n)}`);
  return fc.oneof({ weight: 1, arbitrary: deep }, { weight: 1, arbitrary: huge }, { weight: 1, arbitrary: longLine }, { weight: 4, arbitrary: fc.string({ maxLength: 400 }) }, { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) });
}

function inside(f: Finding, lines: string[]): boolean {
  const { start, end } = f.range;
  const ok = (p: { line: number; character: number }): boolean => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  return ok(start) && ok(end) && (start.line < end.line || (start.line === end.line && start.character <= end.character));
}

export interface FuzzOptions {
  inputs: number;
  seed: number;
  /** An input taking longer than this is a failure (catastrophic backtracking, runaway loops). */
  timeBoundMs: number;
  onProgress?: (done: number) => void;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzStats> {
  await loadPgParser();
  const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
  const seeds = corpus();
  const policyParser = parsers.hcl;
  const basePolicy = buildPolicy(seeds.policy.slice(0, 1).map((t) => parsePolicyFile('/fuzz/base.policy.hcl', t, policyParser)));
  const schema = schemaFromSql(seeds.sql.map((text, i) => ({ path: `/fuzz/${i}.sql`, text })));
  const failures: FuzzFailure[] = [];
  let slowest: FuzzStats['slowest'] = { kind: 'terraform', ms: 0, input: '' };
  const kinds: FuzzKind[] = ['terraform', 'tfvars', 'policy', 'sql', 'snapshot', 'tfstate'];
  const json = (k: FuzzKind): boolean => k === 'snapshot' || k === 'tfstate';
  const arbitraries = Object.fromEntries(
    kinds.map((k) => [k, json(k) ? fc.oneof({ weight: 4, arbitrary: jsonMutation(seeds[k]) }, { weight: 2, arbitrary: mutation(seeds[k]) }, { weight: 1, arbitrary: generated(k) }) : fc.oneof({ weight: 4, arbitrary: mutation(seeds[k]) }, { weight: 1, arbitrary: generated(k) })]),
  ) as Record<FuzzKind, fc.Arbitrary<string>>;
  // The demo workspace and its snapshot: what a fuzzed snapshot or state file is linked with.
  const demo = new WorkspaceIndex();
  for (const file of fs.readdirSync(path.join(root, 'examples', 'terraform')).filter((f) => f.endsWith('.tf'))) {
    const full = path.join(root, 'examples', 'terraform', file);
    demo.setFile(modelText(parsers, fs.readFileSync(full, 'utf8'), URI.file(full).toString()));
  }
  const demoSnapshot = parseSnapshot(seeds.snapshot[0], 'examples/snapshot');
  const demoState = parseTerraformState(seeds.tfstate[0], 'examples/terraform/terraform.tfstate');
  /** A parser may refuse its input, with an error that names the file: that is the good outcome for junk. */
  /** A damaged file's parse, or undefined when the parser refused it with a message naming the file (as it must). */
  const parsedOrRefused = <T>(file: string, parse: (file: string) => T): T | undefined => {
    try {
      return parse(file);
    } catch (error) {
      if (error instanceof Error && error.message.includes(file)) return undefined;
      throw error;
    }
  };
  const linkAndShow = (snapshot: typeof demoSnapshot, state: typeof demoState): void => {
    const linked = linkAndCompare(demo, snapshot, [state]);
    for (const view of ['infra', 'security'] as const) renderSvg(buildDiagram({ index: demo, snapshot: { snapshot, label: 'fuzz' }, view, linked }));
    for (const link of linked.links.links.slice(0, 20)) linkHoverMarkdown(link, linked.drift.items, snapshot.importedAt);
    for (const uri of new Set(linked.links.links.map((l) => l.instance.declaration.uri))) codeLensesFor(uri, linked.links, linked.drift);
  };

  const check = (kind: FuzzKind, text: string): void => {
    const lines = text.split('\n');
    const findings: Finding[] = [];
    if (kind === 'terraform' || kind === 'tfvars') {
      const uri = kind === 'terraform' ? 'file:///fuzz/main.tf' : 'file:///fuzz/terraform.tfvars';
      const index = new WorkspaceIndex();
      const model = modelText(parsers, text, uri);
      index.setFile(model);
      findings.push(...fileDiagnostics(index, model));
      // Packed as the index workers pack a closed file, it must unpack to the same model and summary.
      const packed = packText(parsers, text, uri);
      if (!isDeepStrictEqual(unpackModel(packed), model)) throw new Error('the packed file unpacks to a different model');
      if (!isDeepStrictEqual(packed.summary, summarise(model))) throw new Error('the packed file has a different summary');
      outline(model);
      foldingRanges(model);
      semanticTokens(model);
      // Requests at a few positions, the way an editor sends them while the user types.
      for (let i = 0; i < 3; i++) {
        const line = Math.floor((i / 3) * lines.length);
        const position = { line, character: Math.floor(lines[line].length / 2) };
        hoverAt(index, model, position);
        definition(index, model, position);
        completionsAt(index, model, lines[line].slice(0, position.character), position);
      }
    } else if (kind === 'policy') {
      const file = parsePolicyFile('/fuzz/fuzz.policy.hcl', text, policyParser);
      const policy = buildPolicy([...basePolicy.files, file]);
      findings.push(...policyDiagnostics(file, policy, schema));
    } else if (kind === 'snapshot') {
      const snapshot = parsedOrRefused('/fuzz/snapshot.json', (file) => parseSnapshot(text, file));
      if (!snapshot) return;
      linkAndShow(snapshot, demoState);
      renderSvg(buildDiagram({ snapshot: { snapshot, label: 'fuzz' }, view: 'infra' }));
      liveRuleFindings(snapshot, { profiles: ['all'], allowedRegions: [] });
    } else if (kind === 'tfstate') {
      const state = parsedOrRefused('/fuzz/terraform.tfstate', (file) => parseTerraformState(text, file));
      if (!state) return;
      linkAndShow(demoSnapshot, state);
    } else {
      findings.push(...sqlDiagnostics(text, basePolicy, schema));
      previewStatements(text, 'Analyst', { org_id: '1' }, basePolicy, schema);
    }
    for (const f of findings) if (!inside(f, lines)) throw new Error(`finding ${f.code} at ${JSON.stringify(f.range)} lies outside the document`);
  };

  const started = performance.now();
  let done = 0;
  const samples = fc.sample(fc.tuple(fc.constantFrom(...kinds), fc.integer()), { numRuns: options.inputs, seed: options.seed });
  for (const [kind] of samples) {
    const [input] = fc.sample(arbitraries[kind], { numRuns: 1, seed: options.seed + done });
    const t0 = performance.now();
    try {
      check(kind, input);
    } catch (error) {
      failures.push({ kind, input, problem: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { kind, ms, input };
    if (ms > options.timeBoundMs) failures.push({ kind, input, problem: `took ${ms.toFixed(0)} ms (bound ${options.timeBoundMs} ms)` });
    done++;
    options.onProgress?.(done);
  }
  parsers.terraform.delete();
  parsers.hcl.delete();
  return { inputs: done, seconds: (performance.now() - started) / 1000, slowest, failures };
}
