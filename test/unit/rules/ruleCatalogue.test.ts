import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, ruleById } from '../../../server/rules/allRules';
import { enabledRules, profileIds, unknownProfiles } from '../../../server/rules/profiles';
import { generatedRuleDocs } from '../../../server/rules/ruleDocs';
import { sarifRuleDescriptions } from '../../../server/rules/sarifRules';
import { toSarif } from '../../../server/report/sarif';

const repo = path.join(__dirname, '..', '..', '..');

describe('rule catalogue', () => {
  it('has at least 40 rules with unique, stable-looking IDs and complete descriptions', () => {
    assert.ok(allRules.length >= 40, `${allRules.length} rules`);
    assert.equal(new Set(allRules.map((r) => r.id)).size, allRules.length);
    for (const r of allRules) {
      assert.match(r.id, /^CG-(AWS|AZ|TF)-[A-Z0-9]+-\d{3}$/);
      assert.ok(r.title && r.rationale && r.remediation && r.references.length > 0 && r.profiles.length > 0, r.id);
      assert.equal(ruleById(r.id), r);
    }
    assert.ok(allRules.some((r) => r.id.startsWith('CG-AZ-')) && allRules.some((r) => r.id.startsWith('CG-AWS-')));
  });

  it('gives every rule a golden case that fires it and one that does not', () => {
    for (const r of allRules) {
      const dir = path.join(repo, 'test', 'golden', 'rules', r.id);
      const fires = fs.readFileSync(path.join(dir, 'fires', 'main.tf'), 'utf8');
      const passes = fs.readFileSync(path.join(dir, 'passes', 'main.tf'), 'utf8');
      assert.ok(fires.includes(` ${r.id}: `), `${r.id}: fires/main.tf has no finding of the rule`);
      assert.ok(!passes.includes(` ${r.id}: `), `${r.id}: passes/main.tf has a finding of the rule`);
    }
  });

  it('turns rules on by profile, and `all` turns every one on', () => {
    assert.equal(enabledRules({ profiles: ['all'] }).length, allRules.length);
    assert.equal(enabledRules({ profiles: [] }).length, 0);
    assert.ok(enabledRules({ profiles: ['tls13'] }).every((r) => r.profiles.includes('tls13')));
    for (const p of profileIds) assert.ok(enabledRules({ profiles: [p] }).length > 0, p);
    assert.deepEqual(unknownProfiles(['baseline', 'all', 'tls12']), ['tls12']);
  });

  it('keeps the committed docs pages up to date (node --require tsx/cjs scripts/generate-rule-docs.ts)', () => {
    const dir = path.join(repo, 'docs', 'rules');
    const pages = generatedRuleDocs();
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort(), [...pages.keys()].sort());
    for (const [name, content] of pages) assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), content, `docs/rules/${name} is stale: run the generator`);
  });

  it('describes the rules for SARIF with docs links and default levels', () => {
    const rules = sarifRuleDescriptions();
    const sg = rules['CG-AWS-SG-001'];
    assert.equal(sg.helpUri, 'docs/rules/CG-AWS-SG-001.md');
    assert.equal(sg.defaultLevel, 'error');
    assert.ok(sg.tags.includes('profile:baseline'));
    const log = toSarif([{ file: 'main.tf', findings: [{ code: 'CG-AWS-SG-001', severity: 'error', message: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }] }], '0.0.0', rules);
    const driver = (log.runs[0] as { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }).tool.driver;
    assert.deepEqual(driver.rules.map((r) => [r.id, r.helpUri]), [['CG-AWS-SG-001', 'docs/rules/CG-AWS-SG-001.md']]);
  });
});
