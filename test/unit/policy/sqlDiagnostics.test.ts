import * as assert from 'node:assert/strict';
import { previewStatements } from '../../../server/policy/previewStatements';
import { sqlDiagnostics } from '../../../server/policy/sqlDiagnostics';
import { demo, policyFrom } from './fixtures';

describe('SQL diagnostics and previews under the demo policy', () => {
  it('reports cross-tenant joins, refused statements, syntax errors and personal data with exact UTF-16 ranges', async () => {
    const { policy, schema } = await demo();
    const text = [
      "SELECT c.name AS «nom» FROM customers c JOIN invoices i ON i.customer_id = c.id WHERE c.name <> 'Zoë';",
      'COPY customers TO STDOUT;',
      "SELECT * FROM customers WHERE email = 'ann@corp.example';",
      'SELECT FROM WHERE;',
    ].join('\n');
    const source = text.replace(/«nom»/g, '"nöm"');
    const findings = sqlDiagnostics(source, policy, schema);
    const lines = source.split('\n');
    const invoices = lines[0].indexOf('invoices');
    const email = lines[2].indexOf('ann@');
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.character} ${f.severity} ${f.code}`),
      [`0:${invoices}-${invoices + 8} warning CG-SQL-CROSS-TENANT`, '1:0-4 error CG-SQL-REFUSED', `2:${email}-${email + 16} warning CG-SQL-PII`, '3:12-17 error CG-SQL-SYNTAX'],
    );
    assert.match(findings[0].message, /Owner can read more than one tenant's rows/);
  });

  it('checks only the syntax of schema and seed files: their CREATEs define what queries read, their rows are test data', async () => {
    const { policy, schema } = await demo();
    const seed = "CREATE TABLE notes (id int, email text);\nCREATE INDEX notes_email ON notes (email);\nINSERT INTO notes VALUES (1, 'ann@corp.example');\nCOPY notes TO STDOUT;\nINSERT INTO notes VALUES (;";
    assert.deepEqual(
      sqlDiagnostics(seed, policy, schema).map((f) => `${f.range.start.line} ${f.code}`),
      ['3 CG-SQL-REFUSED', '4 CG-SQL-SYNTAX'],
    );
    // In a file of queries, an INSERT and a CREATE TABLE … AS are statements to preview, and refused.
    const queries = "SELECT id FROM customers;\nINSERT INTO customers (id) VALUES (1);\nCREATE TABLE copy AS SELECT * FROM customers;\nCREATE INDEX i ON customers (id);\nSELECT 'ann@corp.example';";
    assert.deepEqual(
      sqlDiagnostics(queries, policy, schema).map((f) => `${f.range.start.line} ${f.code}`),
      ['1 CG-SQL-REFUSED', '2 CG-SQL-REFUSED', '4 CG-SQL-PII'],
    );
  });

  it('previews nothing while a policy file does not parse, and says so once per file', async () => {
    const { schema } = await demo();
    // The missing brace folds the invoices table into the customers one: its filter would be lost.
    const { policy } = await policyFrom('tenant_key = "org_id"\ntable "customers" {\n  row_filter "t" { using = "org_id = {org_id}" }\n\ntable "invoices" {\n  row_filter "t" { using = "org_id = {org_id}" }\n}\n');
    const previews = previewStatements('SELECT id FROM invoices;\nSELECT id FROM customers;', 'Analyst', { org_id: '1' }, policy, schema);
    assert.deepEqual(previews.map((p) => p.rewritten), [null, null]);
    assert.match(previews[0].refused?.reason ?? '', /^the policy file test\.policy\.hcl does not parse \(line 7: Syntax error: missing `}` to close `table "customers"` opened on line 2\): a preview with part of the policy could show rows/);
    const findings = sqlDiagnostics("SELECT id FROM invoices;\nSELECT id FROM customers WHERE email = 'ann@corp.example';", policy, schema);
    assert.deepEqual(findings.map((f) => `${f.range.start.line} ${f.code}`), ['0 CG-SQL-REFUSED', '1 CG-SQL-PII']);
  });

  it('reports for the preview role only when one is given', async () => {
    const { policy, schema } = await demo();
    const findings = sqlDiagnostics('SELECT * FROM payments;', policy, schema, { role: 'Developer', attributes: { org_id: '1' } });
    assert.deepEqual(findings.map((f) => f.message), ['role Developer may not read table payments (readers: Admin, Auditor, ServiceAccount)']);
    assert.deepEqual(sqlDiagnostics('SELECT * FROM payments;', policy, schema), []);
  });

  it('previews every statement in order with its range, original text and applied rules', async () => {
    const { policy, schema } = await demo();
    const previews = previewStatements('SELECT email FROM customers;\nDELETE FROM invoices WHERE id = 1;', 'Developer', { org_id: '7' }, policy, schema);
    assert.deepEqual(
      previews.map((p) => [p.range.start.line, p.original, p.rewritten, p.applied.map((a) => a.kind)]),
      [
        [0, 'SELECT email FROM customers', "SELECT lpad(\"right\"(email::text, 4), length(email::text), '*') AS email FROM customers WHERE customers.org_id = '7'", ['mask', 'row_filter']],
        [1, 'DELETE FROM invoices WHERE id = 1', "DELETE FROM invoices WHERE invoices.org_id = '7' AND id = 1", ['row_filter']],
      ],
    );
  });

  it('refuses every statement for a role the policy does not have, and a role used by the wrong principal kind', async () => {
    const { policy, schema } = await demo();
    assert.match(previewStatements('SELECT 1', 'Intern', {}, policy, schema)[0].refused?.reason ?? '', /the policy has no role Intern/);
    assert.match(previewStatements('SELECT 1', 'Support', { kind: 'agent' }, policy, schema)[0].refused?.reason ?? '', /role Support is for human principals, not agents/);
  });

  it('never throws on broken SQL or a broken policy', async () => {
    const { policy, schema } = await demo();
    const broken = await policyFrom('table "customers" { row_filter "x" { using = "((" } mask "email" { function = 3 } }');
    const inputs = ["SELECT 'unterminated", '/* open comment', 'SELECT (((', '$$', ';;;', 'SELECT * FROM customers c WHERE c.', '\u0000', 'WITH RECURSIVE x AS (SELECT * FROM x) SELECT * FROM x'];
    for (const text of inputs) {
      for (const p of [policy, broken.policy]) {
        assert.doesNotThrow(() => sqlDiagnostics(text, p, schema));
        assert.doesNotThrow(() => previewStatements(text, 'Analyst', { org_id: '1', region: 'x' }, p, schema));
      }
    }
    const preview = previewStatements('SELECT name FROM customers', 'Analyst', { org_id: '1', region: 'x' }, broken.policy, schema)[0];
    assert.match(preview.refused?.reason ?? '', /row filter "x" on customers has errors/);
  });
});
