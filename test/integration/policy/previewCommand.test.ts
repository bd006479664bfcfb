/**
 * `cartograph policy preview` end to end on the demo workspace: policy, schema and seed rows found
 * above the query file, the rewritten SQL run on the embedded Postgres, masked rows printed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { policyCommand } from '../../../server/cli/policy';

const root = path.join(__dirname, '..', '..', '..', 'examples');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await policyCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

interface JsonOutput {
  statements: { original: string; rewritten: string | null; refused: { reason: string } | null; applied: { kind: string }[]; rows?: Record<string, unknown>[] }[];
}

describe('cartograph policy preview (with seed data)', function () {
  this.timeout(120_000);

  it('prints masked, tenant-filtered rows as JSON, one entry per statement', async () => {
    const file = path.join(root, 'data', 'queries', 'revenue_by_customer.sql');
    const { code, stdout, stderr } = await run(['preview', '--role', 'Analyst', '--attr', 'org_id=1', '--attr', 'region=eu-west', '--format', 'json', '--workspace', root, file]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const output = JSON.parse(stdout) as JsonOutput;
    assert.equal(output.statements.length, 3);
    const [revenue, withoutInvoices, large] = output.statements;
    assert.deepEqual(
      revenue.rows?.map((r) => [r.name, r.email]),
      [
        ['Northgate Pharmacy', '**********************mple'],
        ['Harbour Cafés', '******************mple'],
      ],
    );
    assert.deepEqual(withoutInvoices.rows, []);
    assert.deepEqual(large.rows?.map((r) => r.phone), ['***', '***']);
    assert.ok(revenue.applied.some((a) => a.kind === 'row_filter'));
  });

  it('shows the whole tenant in clear to an Admin and refuses what an agent may not run', async () => {
    const file = path.join(root, 'data', 'queries', 'agents.sql');
    const admin = JSON.parse((await run(['preview', '--role', 'Admin', '--attr', 'org_id=1', '--format', 'json', '--workspace', root, file])).stdout) as JsonOutput;
    assert.deepEqual(admin.statements[0].rows?.map((r) => r.prompt), ['Forecast Q3 revenue for Harbour Cafés', 'Summarise open invoices of Northgate Pharmacy']);
    const agent = await run(['preview', '--role', 'ServiceAccount', '--attr', 'org_id=1', '--attr', 'agent_id=forecast-bot', '--attr', 'agent_framework=langgraph', '--format', 'json', '--workspace', root, file]);
    const parsed = JSON.parse(agent.stdout) as JsonOutput;
    assert.deepEqual(parsed.statements[0].rows, [{ agent_id: 'forecast-bot', framework: 'langgraph', prompt: '***', tokens: 5120 }]);
    assert.deepEqual(parsed.statements[1].rows?.map((r) => r.card_number), ['************5556', '************8210']);
  });

  it('prints text with the formatted SQL, the rules applied and a table of rows; exit 1 when a statement is refused', async () => {
    const file = path.join(root, 'data', 'queries', 'risky.sql');
    const { code, stdout } = await run(['preview', '--role', 'Owner', '--workspace', root, file]);
    assert.equal(code, 1);
    assert.match(stdout, /REFUSED \(CG-SQL-CROSS-TENANT, line 6\): cross-tenant join/);
    assert.match(stdout, /REFUSED \(CG-SQL-REFUSED, line 12\): COPY/);
    assert.match(stdout, /\(1 row\)/);
  });

  it('previews tables of a schema other than public, named schema.table in the policy, with their seed rows', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-schemas-'));
    try {
      fs.writeFileSync(
        path.join(workspace, 'schema.sql'),
        'CREATE SCHEMA sales;\nCREATE TABLE sales.orders (id int PRIMARY KEY, org_id int NOT NULL, email text, total numeric(10,2));\nCREATE TABLE notes (id int, org_id int, body text);\n',
      );
      fs.writeFileSync(path.join(workspace, 'seed.sql'), "INSERT INTO sales.orders VALUES (1, 1, 'ann@corp.example', 10), (2, 2, 'bob@corp.example', 20), (3, 1, NULL, 30);\n");
      fs.writeFileSync(path.join(workspace, 'notes.csv'), 'id,org_id,body\n1,1,hello\n2,2,other tenant\n');
      fs.writeFileSync(
        path.join(workspace, 'shop.policy.hcl'),
        'tenant_key = "org_id"\ntable "sales.orders" {\n  row_filter "tenant" { using = "org_id = {org_id}" }\n  mask "email" { function = "redact" }\n}\ntable "notes" {\n  row_filter "tenant" { using = "org_id = {org_id}" }\n}\n',
      );
      fs.mkdirSync(path.join(workspace, 'q'));
      fs.writeFileSync(
        path.join(workspace, 'q', 'orders.sql'),
        'SELECT o.id, o.email, sales.orders.total FROM sales.orders o JOIN sales.orders ON sales.orders.id = o.id AND sales.orders.org_id = o.org_id ORDER BY o.id;\nSELECT id FROM orders;\nSELECT n.body FROM notes n;\n',
      );
      const { stdout } = await run(['preview', '--role', 'Analyst', '--attr', 'org_id=1', '--format', 'json', '--workspace', workspace, path.join(workspace, 'q', 'orders.sql')]);
      const [orders, unqualified, notes] = (JSON.parse(stdout) as JsonOutput).statements;
      assert.deepEqual(orders.rows, [
        { id: 1, email: '***', total: '10.00' },
        { id: 3, email: null, total: '30.00' },
      ]);
      assert.match(orders.rewritten ?? '', /FROM sales\.orders AS o/);
      assert.match(unqualified.refused?.reason ?? '', /table orders is not in the workspace's schema/);
      assert.deepEqual(notes.rows, [{ body: 'hello' }]);
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('never loads the INSERTs of the file being previewed as seed rows: they are refused, and the rows stay as seeded', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-seed-'));
    try {
      for (const name of ['northwind.policy.hcl', 'schema.sql', 'seed.sql']) fs.copyFileSync(path.join(root, 'data', name), path.join(workspace, name));
      // Each query file in a folder of its own, so that neither is in the other's search path.
      const count = 'SELECT count(*) AS n FROM invoices;\n';
      for (const folder of ['reports', 'fixes']) fs.mkdirSync(path.join(workspace, folder));
      fs.writeFileSync(path.join(workspace, 'reports', 'count.sql'), count);
      fs.writeFileSync(path.join(workspace, 'fixes', 'insert.sql'), `INSERT INTO invoices (id, org_id, customer_id, amount, status, issued_on) VALUES (9001, 1, 100, 1, 'paid', '2026-01-01');\n${count}`);
      const preview = async (file: string): Promise<JsonOutput> => JSON.parse((await run(['preview', '--role', 'Owner', '--format', 'json', '--workspace', workspace, path.join(workspace, file)])).stdout) as JsonOutput;
      const before = await preview(path.join('reports', 'count.sql'));
      const withInsert = await preview(path.join('fixes', 'insert.sql'));
      assert.match(withInsert.statements[0].refused?.reason ?? '', /INSERT is not covered/);
      assert.ok(Number(before.statements[0].rows?.[0].n) > 0);
      assert.deepEqual(withInsert.statements[1].rows, before.statements[0].rows);
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});
