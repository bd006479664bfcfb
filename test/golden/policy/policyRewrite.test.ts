/**
 * Golden cases for every rewrite rule: each `rewrite/<case>.sql` names a role and session attributes
 * in its header (`-- role: Analyst`, `-- attrs: org_id=1 region=eu-west`) and is previewed against the
 * demo workspace's policy and schema (examples/data). `<case>.expected.sql` holds, per statement, the
 * rewritten SQL (formatted for reading; the rules applied as comments) or the refusal.
 * `UPDATE_GOLDEN=1 npm run test:unit` rewrites the expectations; a missing one fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPolicy } from '../../../server/policy/buildPolicy';
import type { Policy } from '../../../server/policy/policyModel';
import { parsePolicyFile } from '../../../server/policy/policyParser';
import { previewStatements } from '../../../server/policy/previewStatements';
import { formatSql } from '../../../server/sql/formatSql';
import { loadPgParser } from '../../../server/sql/pgParser';
import { type Schema, schemaFromSql } from '../../../server/sql/schema';
import { HclParser } from '../../../server/terraform/hclParser';

const folder = path.join(__dirname, 'rewrite');
const data = path.join(__dirname, '..', '..', '..', 'examples', 'data');

function header(text: string, key: string): string | undefined {
  return new RegExp(`^-- ${key}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim();
}

/** The expectation text of a case: one block per statement. */
export function renderPreview(text: string, policy: Policy, schema: Schema): string {
  const role = header(text, 'role') ?? 'Analyst';
  const attributes = Object.fromEntries(
    (header(text, 'attrs') ?? '')
      .split(/\s+/)
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  const blocks = previewStatements(text, role, attributes, policy, schema).map((p) => {
    const lines = [`-- line ${p.range.start.line + 1}: ${p.original.replace(/\s+/g, ' ')}`];
    if (p.refused) lines.push(`-- REFUSED ${p.refused.code} at ${p.refused.range.start.line + 1}:${p.refused.range.start.character + 1}: ${p.refused.reason}`);
    else {
      for (const rule of p.applied) lines.push(rule.kind === 'row_filter' ? `-- row filter ${rule.table}.${rule.name} on ${rule.alias}: ${rule.condition}` : `-- mask ${rule.table}.${rule.column}: ${rule.function}`);
      lines.push(`${formatSql(p.rewritten ?? '')};`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

describe('golden: policy rewrites', () => {
  let policy: Policy;
  let schema: Schema;
  before(async () => {
    await loadPgParser();
    const parser = await HclParser.create('hcl');
    const policyPath = path.join(data, 'northwind.policy.hcl');
    policy = buildPolicy([parsePolicyFile(policyPath, fs.readFileSync(policyPath, 'utf8'), parser)]);
    parser.delete();
    schema = schemaFromSql([{ path: 'schema.sql', text: fs.readFileSync(path.join(data, 'schema.sql'), 'utf8') }]);
  });

  const cases = fs.readdirSync(folder).filter((f) => f.endsWith('.sql') && !f.endsWith('.expected.sql')).sort();
  it('has a case for every rewrite rule', () => assert.ok(cases.length >= 10, `only ${cases.length} cases`));

  for (const name of cases) {
    it(name, () => {
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      const expectedPath = path.join(folder, name.replace(/\.sql$/, '.expected.sql'));
      const actual = renderPreview(text, policy, schema);
      if (process.env.UPDATE_GOLDEN === '1') {
        if (!fs.existsSync(expectedPath) || fs.readFileSync(expectedPath, 'utf8') !== actual) fs.writeFileSync(expectedPath, actual);
        return;
      }
      assert.ok(fs.existsSync(expectedPath), `${name} has no expectation: run UPDATE_GOLDEN=1 npm run test:unit and review ${path.basename(expectedPath)}`);
      assert.equal(actual, fs.readFileSync(expectedPath, 'utf8'), `${name}: the rewrite differs from ${path.basename(expectedPath)} (UPDATE_GOLDEN=1 rewrites it)`);
    });
  }
});
