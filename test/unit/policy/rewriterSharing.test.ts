/**
 * The rewriter shares the bound row filters and the mask templates between the queries of a
 * session. These tests hold it to what that must not change: each query's rewrite is its own, the
 * same however many queries came before, and a tree shared with later queries cannot be edited.
 */
import { strict as assert } from 'node:assert';
import { sessionFor } from '../../../server/policy/previewStatements';
import { rewriteStatement } from '../../../server/policy/rewriter';
import { sessionRules } from '../../../server/policy/sessionRules';
import { deparseStatement, parseSqlStatements, type PgNode } from '../../../server/sql/pgParser';
import { demo } from './fixtures';

/** The first `A_Expr` node of a condition tree. */
function firstComparison(tree: unknown): Record<string, unknown> | undefined {
  if (tree === null || typeof tree !== 'object') return undefined;
  if ('A_Expr' in tree) return tree as Record<string, unknown>;
  for (const value of Object.values(tree)) {
    const found = firstComparison(value);
    if (found) return found;
  }
  return undefined;
}

describe('policy rewriter: trees shared between queries', () => {
  const query = 'SELECT c.email, i.amount FROM customers c JOIN invoices i ON i.org_id = c.org_id WHERE c.id > 3';

  async function analystRules(): Promise<ReturnType<typeof sessionRules>> {
    const { policy, schema } = await demo();
    return sessionRules(policy, schema, sessionFor(policy, 'Analyst', { org_id: '7', region: 'eu-west' }));
  }

  function rewrite(rules: ReturnType<typeof sessionRules>): PgNode {
    const result = rewriteStatement(parseSqlStatements(query)[0].ast as PgNode, rules, {}, { inPlace: true });
    assert.equal(result.refused, undefined, result.refused?.reason);
    return result.ast as PgNode;
  }

  it('rewrites the hundredth query of a session exactly as the first', async () => {
    const rules = await analystRules();
    const first = deparseStatement(rewrite(rules));
    assert.match(first, /c\.org_id = '7'/);
    assert.match(first, /i\.org_id = '7'/);
    for (let i = 0; i < 98; i++) rewrite(rules);
    assert.equal(deparseStatement(rewrite(rules)), first);
  });

  it('refuses to let a caller edit an injected row filter that later queries share', async () => {
    const rules = await analystRules();
    const ast = rewrite(rules) as { SelectStmt: { whereClause: { BoolExpr: { args: unknown[] } } } };
    // The WHERE is `(filters) AND (the query's own condition)`; each filter's condition is shared.
    const filter = firstComparison(ast.SelectStmt.whereClause.BoolExpr.args[0]);
    assert.ok(filter, 'the injected filters hold a comparison');
    assert.equal(Reflect.set(filter, 'A_Expr', null), false, 'the shared filter took an edit');
    assert.notEqual(filter.A_Expr, null);
    assert.match(deparseStatement(rewrite(rules)), /c\.org_id = '7'/);
  });
});
