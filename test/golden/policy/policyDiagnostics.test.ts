/**
 * Golden cases for policy-file diagnostics: each `diagnostics/<case>.policy.hcl` carries its expected
 * findings as annotations (see ../annotations.ts), checked against the demo schema (examples/data).
 * `UPDATE_GOLDEN=1 npm run test:unit` rewrites them; a missing or wrong annotation fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPolicy } from '../../../server/policy/buildPolicy';
import { policyDiagnostics } from '../../../server/policy/policyDiagnostics';
import { parsePolicyFile } from '../../../server/policy/policyParser';
import { loadPgParser } from '../../../server/sql/pgParser';
import { type Schema, schemaFromSql } from '../../../server/sql/schema';
import { HclParser } from '../../../server/terraform/hclParser';
import { renderAnnotations, stripAnnotations } from '../annotations';

const folder = path.join(__dirname, 'diagnostics');
const data = path.join(__dirname, '..', '..', '..', 'examples', 'data');

describe('golden: policy diagnostics', () => {
  let parser: HclParser;
  let schema: Schema;
  before(async () => {
    await loadPgParser();
    parser = await HclParser.create('hcl');
    schema = schemaFromSql([{ path: 'schema.sql', text: fs.readFileSync(path.join(data, 'schema.sql'), 'utf8') }]);
  });
  after(() => parser.delete());

  for (const name of fs.readdirSync(folder).filter((f) => f.endsWith('.policy.hcl')).sort()) {
    it(name, () => {
      const file = path.join(folder, name);
      const annotated = fs.readFileSync(file, 'utf8');
      const source = stripAnnotations(annotated);
      const parsed = parsePolicyFile(name, source, parser);
      const actual = renderAnnotations(source, policyDiagnostics(parsed, buildPolicy([parsed]), schema));
      if (process.env.UPDATE_GOLDEN === '1') {
        if (actual !== annotated) fs.writeFileSync(file, actual);
        return;
      }
      assert.equal(actual, annotated, `${name}: diagnostics differ from the annotations (UPDATE_GOLDEN=1 rewrites them)`);
    });
  }
});
