import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { main } from '../../../server/cli/main';

/** The OASIS SARIF 2.1.0 JSON schema, as Microsoft's SARIF tooling ships it. */
const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

async function sarifOf(dir: string, ...flags: string[]): Promise<unknown> {
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  try {
    await main(['scan', dir, '--format', 'sarif', ...flags]);
  } finally {
    process.stdout.write = write;
  }
  return JSON.parse(stdout);
}

describe('SARIF output', () => {
  // The published schema has a pattern that is invalid with the `u` flag (`]?`): compile without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));

  it('is valid SARIF 2.1.0 for the demo with every profile, with rule metadata and relative artifact URIs', async function () {
    this.timeout(60_000);
    const log = (await sarifOf(path.join(__dirname, '..', '..', '..', 'examples', 'terraform'), '--profile', 'all')) as {
      runs: { tool: { driver: { rules: { id: string; helpUri?: string; fullDescription?: unknown }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const run = log.runs[0];
    assert.ok(run.results.length >= 9);
    for (const r of run.results) assert.doesNotMatch(r.locations[0].physicalLocation.artifactLocation.uri, /^\/|^file:/);
    const rule = run.tool.driver.rules.find((x) => x.id === 'CG-AWS-SG-001');
    assert.ok(rule?.fullDescription && rule.helpUri?.endsWith('docs/rules/CG-AWS-SG-001.md'));
  });

  it('is valid for syntax errors too', async () => {
    const log = await sarifOf(path.join(__dirname, '..', '..', 'golden', 'syntax'));
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  it('is valid for the data policy findings of the demo, each rule described', async function () {
    this.timeout(30_000);
    const log = (await sarifOf(path.join(__dirname, '..', '..', '..', 'examples', 'data'))) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } }; results: { ruleId: string }[] }[] };
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const { rules } = log.runs[0].tool.driver;
    assert.deepEqual([...new Set(log.runs[0].results.map((r) => r.ruleId))].sort(), ['CG-SQL-CROSS-TENANT', 'CG-SQL-PII', 'CG-SQL-REFUSED']);
    for (const rule of rules) assert.notEqual(rule.shortDescription.text, rule.id, `${rule.id} has no description`);
  });
});
