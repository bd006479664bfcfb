import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendAuditEntry } from '../../../server/audit/auditLog';
import { auditCommand } from '../../../server/cli/audit';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await auditCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('cartograph audit', () => {
  let dir: string;
  let intact: string;
  let broken: string;
  let savedEnv: string | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-audit-cli-'));
    intact = path.join(dir, 'intact.jsonl');
    await appendAuditEntry(intact, { action: 'connection.added', actor: { user: 'alice', machineId: 'abcdef0123456789' }, details: { connection: 'prod aws', kind: 'aws' } });
    await appendAuditEntry(intact, { action: 'import.completed', actor: { user: 'alice' }, details: { regions: ['eu-west-1'], counts: { vpcs: 2 }, gaps: [] } });
    await appendAuditEntry(intact, { action: 'policy.previewed', actor: { user: 'bob' }, details: { role: 'analyst', statement: "SELECT * FROM t WHERE email = 'x@example.com'" } });
    const lines = fs.readFileSync(intact, 'utf8').split('\n');
    lines[1] = lines[1].replace('"vpcs":2', '"vpcs":3');
    broken = path.join(dir, 'broken.jsonl');
    fs.writeFileSync(broken, lines.join('\n'));
    savedEnv = process.env.CARTOGRAPH_AUDIT_LOG;
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (savedEnv === undefined) delete process.env.CARTOGRAPH_AUDIT_LOG;
    else process.env.CARTOGRAPH_AUDIT_LOG = savedEnv;
  });

  it('verify: exit 0 and the entry count for an intact log', async () => {
    const { code, stdout } = await run(['verify', intact]);
    assert.equal(code, 0);
    assert.match(stdout, /intact, 3 entries/);
    assert.match(stdout, /last entry: seq 3, hash [0-9a-f]{64}/);
  });

  it('verify: exit 1 naming the first broken entry and why', async () => {
    const { code, stdout } = await run(['verify', broken]);
    assert.equal(code, 1);
    assert.match(stdout, /BROKEN at line 2 \(seq 2\): edited/);
    assert.match(stdout, /entry 2 was edited/);
    assert.match(stdout, /1 entry before it verified/);
  });

  it('verify --format json: the result as JSON', async () => {
    const { code, stdout } = await run(['verify', broken, '--format', 'json']);
    assert.equal(code, 1);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    assert.equal(result.file, broken);
    assert.equal(result.ok, false);
    assert.equal(result.reason, 'edited');
    assert.deepEqual(result.brokenAt, { line: 2, seq: 2 });
  });

  it('verify: reads $CARTOGRAPH_AUDIT_LOG when no file is given', async () => {
    process.env.CARTOGRAPH_AUDIT_LOG = intact;
    const { code, stdout } = await run(['verify']);
    assert.equal(code, 0);
    assert.ok(stdout.startsWith(`${intact}: intact`));
  });

  it('exit 2 for a missing file, a bad option or an unknown subcommand', async () => {
    const missing = await run(['verify', path.join(dir, 'nope.jsonl')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no audit log at .*nope\.jsonl/);
    assert.equal((await run(['verify', dir])).code, 2);
    const format = await run(['verify', intact, '--format', 'xml']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be text or json/);
    assert.equal((await run(['verify', intact, '--frobnicate'])).code, 2);
    assert.equal((await run(['verify', intact, intact])).code, 2);
    assert.equal((await run(['rotate'])).code, 2);
    const none = await run([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: cartograph audit/);
  });

  it('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await run(['verify', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /Exit codes: 0 intact, 1 broken, 2/);
  });

  it('show: one readable line per entry, with redacted details', async () => {
    const { code, stdout } = await run(['show', intact]);
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^#1 \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ connection\.added alice@abcdef01 connection="prod aws" kind=aws$/);
    assert.match(lines[1], /^#2 .* import\.completed alice counts=\{vpcs=2\} gaps=\[\] regions=\[eu-west-1\]$/);
    assert.match(lines[2], /policy\.previewed bob role=analyst statement="SELECT \* FROM t WHERE email = '\[REDACTED:email\]'"/);
  });

  it('show: marks lines that are not entries and says so on stderr', async () => {
    const mixed = path.join(dir, 'mixed.jsonl');
    fs.writeFileSync(mixed, `${fs.readFileSync(intact, 'utf8')}garbage\n`);
    const { code, stdout, stderr } = await run(['show', mixed]);
    assert.equal(code, 0);
    assert.match(stdout, /line 4: \(not an audit entry\)/);
    assert.match(stderr, /1 line\(s\) are not entries/);
  });
});
