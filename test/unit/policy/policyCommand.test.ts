import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { policyCommand } from '../../../server/cli/policy';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await policyCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('cartograph policy preview (without seed data)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-policy-'));
    fs.mkdirSync(path.join(dir, 'queries'));
    fs.writeFileSync(path.join(dir, 'schema.sql'), 'CREATE TABLE notes (id int, org_id int, body text);\n');
    fs.writeFileSync(path.join(dir, 'a.policy.hcl'), 'tenant_key = "org_id"\ntable "notes" {\n  row_filter "mine" { using = "org_id = {org_id}" }\n  mask "body" { function = "hash" }\n}\n');
    fs.writeFileSync(path.join(dir, 'queries', 'q.sql'), 'SELECT body FROM notes;\nCOPY notes TO STDOUT;\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON entry per statement, in order, without rows when there is no seed data', async () => {
    const { code, stdout } = await run(['preview', '--role', 'analyst', '--attr', 'org_id=5', '--format', 'json', '--workspace', dir, path.join(dir, 'queries', 'q.sql')]);
    assert.equal(code, 1);
    const output = JSON.parse(stdout) as { statements: Record<string, unknown>[] };
    assert.deepEqual(
      output.statements.map((s) => [s.original, s.rewritten, (s.refused as { reason: string } | null)?.reason ?? null, 'rows' in s]),
      [
        ['SELECT body FROM notes', "SELECT encode(sha256(convert_to(body::text, 'UTF8')), 'hex') AS body FROM notes WHERE notes.org_id = '5'", null, false],
        ['COPY notes TO STDOUT', null, 'COPY reads or writes files and bypasses the rewriter; it is never run', false],
      ],
    );
    assert.deepEqual(output.statements[0].applied, [
      { kind: 'mask', table: 'notes', column: 'body', function: 'hash', why: 'no role is exempt' },
      { kind: 'row_filter', table: 'notes', alias: 'notes', name: 'mine', condition: "notes.org_id = '5'", why: 'for every role; no role is exempt' },
    ]);
  });

  it('says what is wrong with the command line', async () => {
    const file = path.join(dir, 'queries', 'q.sql');
    assert.match((await run(['preview', file])).stderr, /--role is required/);
    assert.match((await run(['preview', '--role', 'Analyst', '--attr', 'team=x', file])).stderr, /unknown session attribute 'team'/);
    assert.match((await run(['preview', '--role', 'Nobody', '--workspace', dir, file])).stderr, /the policy has no role 'Nobody' \(roles: Owner, Admin/);
    assert.match((await run(['preview', '--role', 'Analyst', '--workspace', path.join(dir, 'queries'), path.join(dir, 'missing.sql')])).stderr, /cannot read .*missing.sql: no such file/);
    const outside = await run(['preview', '--role', 'Analyst', '--workspace', path.join(dir, 'queries'), file]);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /no \*\.policy\.hcl file in/);
    assert.equal((await run(['frobnicate'])).code, 2);
  });
});
