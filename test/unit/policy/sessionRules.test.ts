import * as assert from 'node:assert/strict';
import { sessionFor } from '../../../server/policy/previewStatements';
import { sessionRules } from '../../../server/policy/sessionRules';
import { sqlHover } from '../../../server/policy/sqlHover';
import { demo } from './fixtures';

describe('why a rule applies to a session', () => {
  it('names the description, the role list the session matches (through inheritance) and who is exempt', async () => {
    const { policy, schema } = await demo();
    const support = sessionRules(policy, schema, sessionFor(policy, 'Support', { org_id: '1', region: 'eu-west' }));
    const filters = support.table('customers').filters.map((f) => [f.rule.name.value, f.why]);
    assert.deepEqual(filters, [
      ['same_tenant', 'for every role; Support is not exempt (exempt: Owner)'],
      ['own_region', 'Analysts work on the customers of their own region. — for Analyst: Support inherits Analyst; Support is not exempt (exempt: Admin)'],
    ]);
    assert.equal(support.table('customers').masks.get('phone')?.why, 'Support is not exempt (exempt: Admin)');
  });

  it("says when a filter is for one kind of principal and when a mask is the kind's own variant", async () => {
    const { policy, schema } = await demo();
    const agent = sessionRules(policy, schema, sessionFor(policy, 'Developer', { org_id: '1', agent_id: 'bot' }));
    assert.equal(agent.table('customers').masks.get('email')?.why, 'no role is exempt; the agent variant');
    const service = sessionRules(policy, schema, sessionFor(policy, 'ServiceAccount', { org_id: '1', agent_id: 'bot', agent_framework: 'x' }));
    assert.match(service.table('agent_runs').filters.find((f) => f.rule.name.value === 'own_runs')?.why ?? '', /agent principals only/);
  });
});

describe('hover on a table in a SQL file', () => {
  it("shows what the preview session may see of it: filters bound, masked columns, or that it may not read it", async () => {
    const { policy, schema } = await demo();
    const text = 'SELECT c.email FROM customers c JOIN payments p ON p.org_id = c.org_id';
    const at = (needle: string): { line: number; character: number } => ({ line: 0, character: text.indexOf(needle) + 2 });
    const analyst = sessionFor(policy, 'Analyst', { org_id: '1', region: 'eu-west' });
    const customers = sqlHover(text, at('customers'), policy, schema, analyst) ?? '';
    assert.match(customers, /^\*\*table `customers`\*\* — 7 columns \(schema\.sql\)/);
    assert.match(customers, /As \*\*Analyst\*\* \(human, org_id=1 region=eu-west\)/);
    assert.match(customers, /- row filter `own_region`: `region = \{region\}` — Analysts work on the customers of their own region\./);
    assert.match(customers, /- `email` masked: partial\(4\)/);
    assert.match(sqlHover(text, at('payments'), policy, schema, analyst) ?? '', /may not read it: role Analyst may not read table payments/);
    assert.equal(sqlHover(text, at('SELECT'), policy, schema, analyst), undefined);
  });
});
