/**
 * Policy rewriter benchmark: parse + rewrite + deparse for generated analyst queries, against the bare
 * libpg-query parse of the same queries in the same run (goal: at most 2×); and the PII scan of query
 * text against one pass of a single regex over the same bytes.
 *
 *   node --require tsx/cjs bench/policy.bench.ts [--queries N] [--mb N]
 *
 * The rewriter and the deparse call are timed as they ship: bundled by esbuild the way esbuild.mjs
 * bundles the language server, not as tsx transpiles them for the bench (tsx keeps function names
 * and reads every import through a getter, which costs the rewriter about a fifth of its time).
 *
 * Exits with 1 when a generated query is refused or fails to deparse (the figures would then time
 * work that never happens).
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildSync } from 'esbuild';
import { parseSync } from 'libpg-query';
import { buildPolicy } from '../server/policy/buildPolicy';
import { parsePolicyFile } from '../server/policy/policyParser';
import { sessionFor } from '../server/policy/previewStatements';
import type * as RewriterModule from '../server/policy/rewriter';
import { sessionRules } from '../server/policy/sessionRules';
import type * as PgParserModule from '../server/sql/pgParser';
import { loadPgParser, type PgNode } from '../server/sql/pgParser';
import { findPii } from '../server/sql/piiLiterals';
import { schemaFromSql } from '../server/sql/schema';
import { HclParser } from '../server/terraform/hclParser';
import { QueryGenerator, random } from '../test/integration/policy/queryGenerator';

const MB = 1024 * 1024;
const data = path.join(__dirname, '..', 'examples', 'data');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The rewriter and the deparser's entry, bundled as the language server bundles them. */
function shippedEngine(): { rewriteStatement: typeof RewriterModule.rewriteStatement; deparseStatement: typeof PgParserModule.deparseStatement } {
  // Written under node_modules so that the bundle resolves libpg-query and pgsql-deparser there.
  const outfile = path.join(__dirname, '..', 'node_modules', '.cache', `cartograph-policy-bench-${process.pid}.cjs`);
  buildSync({
    stdin: { contents: "export { rewriteStatement } from './server/policy/rewriter';\nexport { deparseStatement } from './server/sql/pgParser';\n", resolveDir: path.join(__dirname, '..'), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The same parser and deparser instances as the bench's own (one WebAssembly module, loaded once).
    external: ['libpg-query', 'pgsql-deparser'],
    outfile,
    logLevel: 'warning',
  });
  try {
    return createRequire(__filename)(outfile) as ReturnType<typeof shippedEngine>;
  } finally {
    fs.rmSync(outfile, { force: true });
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { queries: { type: 'string', default: '10000' }, mb: { type: 'string', default: '8' } } });
  const count = Number(values.queries);
  const mb = Number(values.mb);
  await loadPgParser();
  const { rewriteStatement, deparseStatement } = shippedEngine();
  const parser = await HclParser.create('hcl');
  const policyPath = path.join(data, 'northwind.policy.hcl');
  const policy = buildPolicy([parsePolicyFile(policyPath, fs.readFileSync(policyPath, 'utf8'), parser)]);
  parser.delete();
  const schema = schemaFromSql([{ path: 'schema.sql', text: fs.readFileSync(path.join(data, 'schema.sql'), 'utf8') }]);
  // Admin reads every table and is limited to one tenant, so every generated query is rewritten.
  const rules = sessionRules(policy, schema, sessionFor(policy, 'Admin', { org_id: '1', region: 'eu-west' }));
  const generator = new QueryGenerator(random(42));
  const queries = Array.from({ length: count }, () => generator.query());
  const bytes = queries.reduce((sum, q) => sum + Buffer.byteLength(q), 0);
  console.log(`queries: ${count.toLocaleString('en')} generated analyst queries, ${(bytes / count).toFixed(0)} bytes each on average`);

  let refused = 0;
  const parseChunk = (chunk: string[]): number => {
    const start = performance.now();
    for (const q of chunk) parseSync(q);
    return performance.now() - start;
  };
  // The timed pipeline carries no timer of its own; a separate pass splits it into stages.
  const pipelineChunk = (chunk: string[]): number => {
    const start = performance.now();
    for (const q of chunk) {
      const ast = (parseSync(q) as { stmts: { stmt: PgNode }[] }).stmts[0].stmt;
      const result = rewriteStatement(ast, rules, {}, { inPlace: true });
      if (result.ast) deparseStatement(result.ast);
      else refused++;
    }
    return performance.now() - start;
  };
  const stages = (): { parse: number; rewrite: number; deparse: number } => {
    const sums = { parse: 0, rewrite: 0, deparse: 0 };
    for (const q of queries) {
      const t0 = performance.now();
      const ast = (parseSync(q) as { stmts: { stmt: PgNode }[] }).stmts[0].stmt;
      const t1 = performance.now();
      const result = rewriteStatement(ast, rules, {}, { inPlace: true });
      const t2 = performance.now();
      if (result.ast) deparseStatement(result.ast);
      const t3 = performance.now();
      sums.parse += t1 - t0;
      sums.rewrite += t2 - t1;
      sums.deparse += t3 - t2;
    }
    return sums;
  };
  // The floor and the pipeline alternate every few hundred queries (which goes first alternates
  // too), so that this shared machine's drift, which moves either figure by a quarter between
  // runs seconds apart, hits both alike; each round's ratio is taken over the same queries.
  const chunkSize = 250;
  const chunks: string[][] = [];
  for (let i = 0; i < queries.length; i += chunkSize) chunks.push(queries.slice(i, i + chunkSize));
  const round = (): { parse: number; pipeline: number } => {
    refused = 0;
    let parse = 0;
    let pipeline = 0;
    chunks.forEach((chunk, i) => {
      if (i % 2 === 0) {
        parse += parseChunk(chunk);
        pipeline += pipelineChunk(chunk);
      } else {
        pipeline += pipelineChunk(chunk);
        parse += parseChunk(chunk);
      }
    });
    return { parse, pipeline };
  };
  round(); // warm-up
  const rounds = Array.from({ length: 5 }, round);
  const perQuery = (ms: number): number => (ms * 1000) / count;
  const parseUs = perQuery(median(rounds.map((r) => r.parse)));
  const pipelineUs = perQuery(median(rounds.map((r) => r.pipeline)));
  const ratio = median(rounds.map((r) => r.pipeline / r.parse));
  const split = stages();
  console.log(
    `parse + rewrite + deparse: ${pipelineUs.toFixed(1)} µs/query ` +
      `(parse ${perQuery(split.parse).toFixed(1)}, rewrite ${perQuery(split.rewrite).toFixed(1)}, deparse ${perQuery(split.deparse).toFixed(1)}, timed apart); ` +
      `floor bare parse ${parseUs.toFixed(1)} µs/query, ratio ${ratio.toFixed(2)} (median of ${rounds.length} rounds: ${rounds.map((r) => (r.pipeline / r.parse).toFixed(2)).join(', ')}; goal ≤ 2)`,
  );
  if (refused > 0) {
    console.error(`error: ${refused} generated queries were refused for Admin`);
    return 1;
  }

  // PII scan: query text (with some personal data planted) against one pass of one plain regex.
  const corpusParts: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * MB; i++) {
    const q = `${queries[i % queries.length]} -- asked by ann${i}@corp.example, card 4111 1111 1111 1111\n`;
    corpusParts.push(q);
    size += q.length;
  }
  const corpus = corpusParts.join('');
  const floorPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}/g;
  const floor = (): number => {
    const start = performance.now();
    floorPattern.lastIndex = 0;
    let n = 0;
    while (floorPattern.exec(corpus) !== null) n++;
    if (n < 0) console.log(n);
    return performance.now() - start;
  };
  const scan = (): number => {
    const start = performance.now();
    findPii(corpus);
    return performance.now() - start;
  };
  floor();
  scan();
  const corpusMb = Buffer.byteLength(corpus) / MB;
  const scanRate = corpusMb / (median([scan(), scan(), scan()]) / 1000);
  const floorRate = corpusMb / (median([floor(), floor(), floor()]) / 1000);
  console.log(`PII scan: ${scanRate.toFixed(1)} MB/s over ${corpusMb.toFixed(1)} MB of query text (floor one-pass e-mail regex ${floorRate.toFixed(1)} MB/s, ratio ${(scanRate / floorRate).toFixed(2)})`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`policy.bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
