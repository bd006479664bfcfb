// Verifying the audit log's hash chain, against the floor of hashing the same lines with bare SHA-256.
//
//   node --require tsx/cjs bench/auditVerify.bench.mjs [--entries 1000000] [--runs 3] [--keep]
//
// Writes a genuine chain of N entries into a temporary folder (built in memory the way the writer
// builds each entry, without the per-entry lock and fsync, which would take minutes), then times,
// best of --runs, alternating:
//   verify      verifyAuditLog(file): read in chunks, split lines, check hash and links;
//   floor       the same chunked read and line split, and one SHA-256 per line over the same bytes:
//               the least any verifier of a per-entry hash chain must do;
//   stream      one SHA-256 over the whole file, for scale (no per-entry work at all).
// The figure is entries/s; the ratio to the floor is the goal (>= 0.5).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { canonicalJson, computeEntryHash, genesisHash } = require('../server/audit/auditLog.ts');
const { verifyAuditLog } = require('../server/audit/verifyAuditLog.ts');

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const entries = Number(values.entries);
const runs = Number(values.runs);
if (!Number.isInteger(entries) || entries < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node --require tsx/cjs bench/auditVerify.bench.mjs [--entries N] [--runs N] [--keep]');
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-bench-audit-'));
const file = path.join(dir, 'audit.jsonl');

/** Details like the ones Cartograph records, varied so that lines differ in length and content. */
function detailsFor(seq) {
  switch (seq % 4) {
    case 0:
      return { connection: `prod-aws-${seq % 7}`, identity: `arn:aws:sts::123456789012:assumed-role/CartographReader/session-${seq}`, regions: ['eu-west-1', 'us-east-1'], counts: { vpcs: seq % 13, subnets: seq % 97, securityGroups: seq % 211 }, gaps: seq % 5 === 0 ? [{ call: 'ec2:DescribeFlowLogs', reason: 'AccessDenied' }] : [] };
    case 1:
      return { role: 'analyst', statement: `SELECT id, [REDACTED:email] AS contact FROM customers WHERE region = 'eu' AND created_at > '2024-05-01' LIMIT ${seq % 1000}` };
    case 2:
      return { rule: 'CG-AWS-SG-001', file: `modules/net/sg_${seq % 50}.tf`, line: seq % 400, reason: 'Bastion host reachable from the office range only' };
    default:
      return { connection: `azure-sub-${seq % 3}`, kind: 'azure', tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47', subscription: '8f4b3c2a-1d2e-4f5a-9b8c-7d6e5f4a3b2c' };
  }
}
const actions = ['import.completed', 'policy.previewed', 'suppression.added', 'connection.added'];

function generate() {
  const fd = fs.openSync(file, 'w');
  let prevHash = genesisHash;
  let batch = [];
  const start = Date.parse('2024-05-01T00:00:00.000Z');
  for (let seq = 1; seq <= entries; seq++) {
    const entry = { v: 1, seq, time: new Date(start + seq * 1000).toISOString(), action: actions[seq % 4], actor: { user: 'alice', machineId: 'f3a1c9d2e8b7465a9c0d1e2f3a4b5c6d' }, details: detailsFor(seq), prevHash };
    entry.hash = computeEntryHash(entry);
    prevHash = entry.hash;
    batch.push(canonicalJson(entry));
    if (batch.length === 10_000) {
      fs.writeSync(fd, `${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) fs.writeSync(fd, `${batch.join('\n')}\n`);
  fs.closeSync(fd);
}

/** The floor: the same chunked read and line split as the verifier, and one SHA-256 per line. */
async function perLineSha256() {
  const handle = await fs.promises.open(file, 'r');
  let lines = 0;
  let sink = 0;
  try {
    const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
    let filled = 0;
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      filled += bytesRead;
      const view = buffer.subarray(0, filled);
      let start = 0;
      for (let end = view.indexOf(10, start); end >= 0; end = view.indexOf(10, start)) {
        sink ^= crypto.hash('sha256', view.subarray(start, end), 'hex').charCodeAt(0);
        lines++;
        start = end + 1;
      }
      buffer.copy(buffer, 0, start, filled);
      filled -= start;
    }
  } finally {
    await handle.close();
  }
  if (lines !== entries) throw new Error(`floor counted ${lines} lines`);
  return sink;
}

async function wholeFileSha256() {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 * 1024 * 1024 })) hash.update(chunk);
  return hash.digest('hex');
}

async function timed(fn) {
  const started = process.hrtime.bigint();
  const result = await fn();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

try {
  const gen = await timed(async () => generate());
  const bytes = fs.statSync(file).size;
  console.log(`generated ${entries.toLocaleString('en-US')} entries, ${(bytes / 1e6).toFixed(1)} MB (${(bytes / entries).toFixed(0)} bytes/entry) in ${gen.seconds.toFixed(1)} s`);
  // A first read warms the page cache, so that every timed run reads from memory alike.
  await wholeFileSha256();
  const best = { verify: Infinity, floor: Infinity, stream: Infinity };
  for (let run = 0; run < runs; run++) {
    const verify = await timed(() => verifyAuditLog(file));
    if (!verify.result.ok || verify.result.entries !== entries || verify.result.reformatted !== 0) throw new Error(`verify: ${JSON.stringify(verify.result)}`);
    const floor = await timed(perLineSha256);
    const stream = await timed(wholeFileSha256);
    best.verify = Math.min(best.verify, verify.seconds);
    best.floor = Math.min(best.floor, floor.seconds);
    best.stream = Math.min(best.stream, stream.seconds);
    console.log(`run ${run + 1}: verify ${verify.seconds.toFixed(3)} s, per-line SHA-256 ${floor.seconds.toFixed(3)} s, whole-file SHA-256 ${stream.seconds.toFixed(3)} s`);
  }
  const rate = (seconds) => `${Math.round(entries / seconds).toLocaleString('en-US')} entries/s (${(bytes / 1e6 / seconds).toFixed(0)} MB/s)`;
  console.log(`verify                  ${rate(best.verify)}`);
  console.log(`floor: per-line SHA-256 ${rate(best.floor)}`);
  console.log(`whole-file SHA-256      ${rate(best.stream)}`);
  console.log(`ratio verify / per-line SHA-256 floor: ${(best.floor / best.verify).toFixed(2)} (goal >= 0.5)`);
  console.log(`ratio verify / whole-file SHA-256:     ${(best.stream / best.verify).toFixed(2)} (for scale)`);
} finally {
  if (values.keep) console.log(`kept ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
