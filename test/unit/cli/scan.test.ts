import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/cli/main';

/** Runs the CLI in-process and captures what it prints. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe('cartograph scan', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-scan-'));
    fs.mkdirSync(path.join(dir, 'modules', 'net'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.terraform'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n');
    fs.writeFileSync(path.join(dir, 'modules', 'net', 'broken.tf'), 'variable "x" {\n  default =\n}\n');
    // Provider caches are never the team's code, even when broken.
    fs.writeFileSync(path.join(dir, '.terraform', 'cached.tf'), '}}}');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints its version', async () => {
    const { code, stdout } = await run(['--version']);
    assert.equal(code, 0);
    assert.match(stdout, /^\d+\.\d+\.\d+(-[\w.]+)?\n$/);
  });

  it('reports syntax errors as text with file:line:col and fails', async () => {
    const { code, stdout } = await run(['scan', dir]);
    assert.equal(code, 1);
    assert.equal(stdout, 'modules/net/broken.tf\n  2:3  error    CG-HCL-SYNTAX  Syntax error: `default` has no value after `=`\n\n1 finding in 2 files\n');
  });

  it('maps code-scanning levels: medium fails on warnings, and bad levels are usage errors', async () => {
    assert.equal((await run(['scan', dir, '--fail-on', 'critical'])).code, 1);
    assert.equal((await run(['scan', dir, '--fail-on', 'nonsense'])).code, 2);
  });

  it('passes with --fail-on none and on a clean folder', async () => {
    assert.equal((await run(['scan', dir, '--fail-on', 'none'])).code, 0);
    const clean = await run(['scan', path.join(dir, 'modules', 'net', '..', '..', '.terraform', '..', 'modules', 'net'), '--format', 'json']);
    assert.equal(clean.code, 1);
    const parsed = JSON.parse(clean.stdout) as { files: { file: string }[] };
    assert.deepEqual(parsed.files.map((f) => f.file), ['broken.tf']);
  });

  it('writes SARIF 2.1.0 with 1-based positions and the rule table', async () => {
    const { stdout } = await run(['scan', dir, '--format', 'sarif']);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'CG-HCL-SYNTAX');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'modules/net/broken.tf', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 2, startColumn: 3, endLine: 2, endColumn: 12 });
    assert.deepEqual(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id), ['CG-HCL-SYNTAX']);
  });

  it('checks data policy files and the SQL files they govern, but not schema and seed files', async function () {
    this.timeout(30_000);
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-scan-policy-'));
    try {
      fs.mkdirSync(path.join(data, 'db', 'queries'), { recursive: true });
      fs.writeFileSync(path.join(data, 'db', 'schema.sql'), "CREATE TABLE notes (id int, org_id int, body text);\nINSERT INTO notes VALUES (1, 1, 'ann@corp.example');\n");
      fs.writeFileSync(path.join(data, 'db', 'notes.policy.hcl'), 'tenant_key = "org_id"\ntable "notes" {\n  mask "bdy" { function = "hash" }\n}\n');
      fs.writeFileSync(path.join(data, 'db', 'queries', 'q.sql'), "SELECT body FROM notes WHERE body = 'bob@corp.example';\nSELECT a.id FROM notes a JOIN notes b ON a.id = b.id;\n");
      // A SQL file no policy governs is not Cartograph's to judge.
      fs.mkdirSync(path.join(data, 'other'));
      fs.writeFileSync(path.join(data, 'other', 'x.sql'), 'SELEKT 1;');
      const { code, stdout } = await run(['scan', data, '--format', 'json']);
      const files = (JSON.parse(stdout) as { files: { file: string; findings: { code: string; range: { start: { line: number } } }[] }[] }).files;
      assert.deepEqual(
        files.map((f) => [f.file, f.findings.map((x) => `${x.range.start.line} ${x.code}`)]),
        [
          ['db/notes.policy.hcl', ['2 CG-POLICY-UNKNOWN-COLUMN']],
          ['db/queries/q.sql', ['0 CG-SQL-PII', '1 CG-SQL-CROSS-TENANT']],
        ],
      );
      assert.equal(code, 1);
      const sarif = JSON.parse((await run(['scan', data, '--format', 'sarif'])).stdout) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] };
      assert.match(sarif.runs[0].tool.driver.rules.find((r) => r.id === 'CG-SQL-PII')?.shortDescription.text ?? '', /e-mail address, SSN/);
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  it('rejects bad usage with exit code 2 and a message', async () => {
    const bad = await run(['scan', dir, '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be text, json or sarif/);
    const missing = await run(['scan', path.join(dir, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /is not a folder/);
    assert.equal((await run(['frobnicate'])).code, 2);
  });
});
