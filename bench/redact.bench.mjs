// Redaction throughput, against the floor of one trivial regular-expression pass over the same text.
//
//   node --require tsx/cjs bench/redact.bench.mjs [--mb 8] [--runs 5]
//
// Generates text like what the audit log records (policy statements, resource names, ARNs, UUIDs,
// timestamps, versions, counts) with planted personal data and secrets about once per 400 bytes,
// then times, best of --runs, alternating:
//   redact      redactPii (three combined passes plus the digit-run classifier);
//   floor       text.replace(/\d{4,}/g, '#'): a single pass of one trivial pattern, which any
//               redactor that looks at every character must at least match.
// Both are measured on one large string and on the same text cut into 200-byte values (how the
// audit log calls it: once per string in an entry's details).
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { luhnValid, redactPii, redactPiiWithCounts } = require('../server/audit/redact.ts');

const { values } = parseArgs({ options: { mb: { type: 'string', default: '8' }, runs: { type: 'string', default: '5' } } });
const megabytes = Number(values.mb);
const runs = Number(values.runs);
if (!(megabytes > 0) || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node --require tsx/cjs bench/redact.bench.mjs [--mb N] [--runs N]');
  process.exit(2);
}

// A fixed-seed generator (mulberry32), so that every run measures the same text.
let seed = 42;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** A 16-digit number that fails the Luhn check, as invoice and order numbers mostly do. */
function notCard() {
  for (;;) {
    const n = digits(16);
    if (!luhnValid(n)) return n;
  }
}

const ordinary = [
  () => `SELECT id, name, created_at FROM customers WHERE region = 'eu-west-1' AND created_at > '2024-05-01' LIMIT ${digits(3)};`,
  () => `arn:aws:iam::${digits(12)}:role/CartographReader-${digits(4)}`,
  () => `sg-0${digits(16)} in subnet-${digits(8)} of vpc-${digits(8)}`,
  () => `request 550e8400-e29b-41d4-a716-${digits(12)} at 2024-05-01T12:${digits(2)}:56.789Z`,
  () => `order ORD-2024-${digits(6)} shipped in version 1.${digits(1)}.${digits(2)}`,
  () => `imported ${digits(4)} resources from eu-west-1, us-east-1 and westeurope in ${digits(3)} ms`,
  () => `rule CG-AWS-SG-001 suppressed in modules/net/main.tf line ${digits(3)}: bastion reachable from 10.0.0.0/16`,
  () => `number ${notCard()} and epoch 17${digits(11)}`,
];
const planted = [
  ['email', () => `contact ${pick(['alice', 'bob.smith', 'ops+audit'])}@example.com`],
  ['phone', () => `call 555-${digits(3)}-${digits(4)}`],
  ['card', () => 'card 4111 1111 1111 1111'],
  ['ssn', () => `ssn 219-09-${digits(3)}1`],
  ['aws-access-key', () => `key ${['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('')}`],
  ['secret', () => `password=${digits(8)}x`],
  ['bearer-token', () => `Authorization: Bearer ${digits(24)}abcdef`],
];
const plantedCounts = {};

function makeText(bytes) {
  const parts = [];
  let length = 0;
  while (length < bytes) {
    let part;
    if (random() < 0.12) {
      const [kind, make] = pick(planted);
      plantedCounts[kind] = (plantedCounts[kind] ?? 0) + 1;
      part = make();
    } else {
      part = pick(ordinary)();
    }
    parts.push(part);
    length += part.length + 1;
  }
  return parts.join(' ');
}

const text = makeText(megabytes * 1e6);
const values200 = [];
for (let i = 0; i < text.length; i += 200) values200.push(text.slice(i, i + 200));
const floorPattern = /\d{4,}/g;

function best(fn) {
  let min = Infinity;
  let result;
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    result = fn();
    min = Math.min(min, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return { seconds: min, result };
}

const mbps = (seconds) => (text.length / 1e6 / seconds).toFixed(1);
const { counts } = redactPiiWithCounts(text);
console.log(`text: ${(text.length / 1e6).toFixed(1)} MB; planted/found: ${Object.entries(plantedCounts).map(([k, n]) => `${k} ${n}/${counts[k] ?? 0}`).join(', ')}`);
const unplanted = Object.keys(counts).filter((k) => !(k in plantedCounts));
if (unplanted.length > 0) console.log(`found kinds never planted (false positives): ${unplanted.map((k) => `${k} ${counts[k]}`).join(', ')}`);

// Alternate the two in each round, so that a slow moment of the machine hits both alike.
const one = { redact: Infinity, floor: Infinity };
const many = { redact: Infinity, floor: Infinity };
for (let round = 0; round < 2; round++) {
  one.redact = Math.min(one.redact, best(() => redactPii(text)).seconds);
  one.floor = Math.min(one.floor, best(() => text.replace(floorPattern, '#')).seconds);
  many.redact = Math.min(many.redact, best(() => values200.map((v) => redactPii(v))).seconds);
  many.floor = Math.min(many.floor, best(() => values200.map((v) => v.replace(floorPattern, '#'))).seconds);
}
console.log(`one string:        redact ${mbps(one.redact)} MB/s, floor ${mbps(one.floor)} MB/s, ratio ${(one.floor / one.redact).toFixed(2)}`);
console.log(`200-byte values:   redact ${mbps(many.redact)} MB/s, floor ${mbps(many.floor)} MB/s, ratio ${(many.floor / many.redact).toFixed(2)}`);
