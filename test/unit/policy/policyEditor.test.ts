import * as assert from 'node:assert/strict';
import { policyCompletions } from '../../../server/policy/policyCompletions';
import { policyDiagnostics } from '../../../server/policy/policyDiagnostics';
import { policyHover } from '../../../server/policy/policyHover';
import { schemaFromSql } from '../../../server/sql/schema';
import { demo, policyFrom } from './fixtures';

/** The position of the first `$0` in a text, and the text without it. */
function cursor(marked: string): { text: string; position: { line: number; character: number } } {
  const at = marked.indexOf('$0');
  const before = marked.slice(0, at);
  const line = before.split('\n').length - 1;
  return { text: marked.replace('$0', ''), position: { line, character: at - before.lastIndexOf('\n') - 1 } };
}

describe('policy files in the editor: diagnostics, hover, completion', () => {
  it('the demo policy has no findings', async () => {
    const { file, policy, schema } = await demo();
    assert.deepEqual(policyDiagnostics(file, policy, schema), []);
  });

  it('reports a broken file with syntax errors and still checks what it can read', async () => {
    const { file, policy } = await policyFrom('table "customers" {\n  mask "email" { function = "hash" \n');
    const findings = policyDiagnostics(file, policy, schemaFromSql([]));
    assert.ok(findings.some((f) => f.code === 'CG-HCL-SYNTAX'));
    assert.ok(findings.some((f) => f.code === 'CG-POLICY-UNKNOWN-TABLE' && /no CREATE TABLE statement/.test(f.message)));
  });

  it('points at the exact characters of a filter error inside an escaped string', async () => {
    const { file, policy } = await policyFrom(`table "customers" {\n  row_filter "t" { using = "name = '\\t' AND colr = {org_id}" }\n}\n`);
    const schema = schemaFromSql([{ path: 's.sql', text: 'CREATE TABLE customers (name text, org_id int)' }]);
    const unknown = policyDiagnostics(file, policy, schema).find((f) => f.code === 'CG-POLICY-UNKNOWN-COLUMN');
    const line = `  row_filter "t" { using = "name = '\\t' AND colr = {org_id}" }`;
    assert.deepEqual(unknown?.range, { start: { line: 1, character: line.indexOf('colr') }, end: { line: 1, character: line.indexOf('colr') + 4 } });
  });

  it('explains a mask on hover: the function, and who sees it masked or in clear, by kind', async () => {
    const { file, policy, schema, text } = await demo();
    const at = text.indexOf('mask "email" {\n    function = "partial(4)"');
    const before = text.slice(0, at);
    const position = { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 + 7 };
    const hover = policyHover(file, policy, schema, position) ?? '';
    assert.match(hover, /\*\*mask on `customers.email`\*\* \(text\)/);
    assert.match(hover, /- humans: only the last 4 characters shown, the rest as `\*` for `Analyst`, `Auditor`, `Developer`, `ServiceAccount`; in clear for `Owner`, `Admin`, `Support`/);
    assert.match(hover, /- agents: shown as `\*\*\*` for `Owner`, `Admin`, `Analyst`, `Auditor`, `Developer`, `ServiceAccount`, `Support`$/m);
  });

  it('explains a row filter and a placeholder on hover', async () => {
    const { file, policy, schema, text } = await demo();
    const at = text.indexOf('{region}');
    const before = text.slice(0, at);
    const line = before.split('\n').length - 1;
    const character = at - before.lastIndexOf('\n') - 1;
    assert.match(policyHover(file, policy, schema, { line, character: character + 2 }) ?? '', /the session's `region`/);
    assert.match(policyHover(file, policy, schema, { line: line + 1, character: 4 }) ?? '', /humans: applies to `Analyst`, `Support`/);
  });

  it('completes tables, columns, roles, placeholders and mask functions', async () => {
    const { policy, schema } = await demo();
    const labels = async (marked: string): Promise<string[]> => {
      const { text, position } = cursor(marked);
      const { file } = await policyFrom(text);
      return policyCompletions(file, text, policy, schema, position).map((c) => c.label);
    };
    assert.deepEqual(await labels('table "$0'), ['organizations', 'users', 'customers', 'invoices', 'payments', 'agent_runs']);
    assert.deepEqual(await labels('table "invoices" {\n  mask "$0'), ['id', 'org_id', 'customer_id', 'amount', 'status', 'issued_on']);
    assert.ok((await labels('table "invoices" {\n  readers = ["Admin", "$0')).includes('ServiceAccount'));
    // The quote that closes a name is not a place to choose another.
    assert.deepEqual(await labels('table "invoices" {\n  readers = ["Admin"$0'), []);
    assert.deepEqual(await labels('table "invoices" {\n  readers = ["Admin", "Auditor"$0'), []);
    assert.deepEqual(await labels('role "X" {\n  kinds = ["human", "$0'), ['human', 'agent']);
    assert.deepEqual(await labels('table "invoices" {\n  row_filter "x" {\n    using = "org_id = {$0'), ['user_id', 'org_id', 'agent_id', 'agent_framework', 'department', 'region']);
    assert.deepEqual(await labels('table "invoices" {\n  mask "status" {\n    function = "$0'), ['redact', 'partial(4)', 'hash', 'null']);
  });
});
