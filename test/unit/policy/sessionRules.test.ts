import * as assert from 'node:assert/strict';
import { sessionFor } from '../../../server/policy/previewStatements';
import { sessionRules } from '../../../server/policy/sessionRules';
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
