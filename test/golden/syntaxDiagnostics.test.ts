/**
 * Golden cases for HCL syntax diagnostics: each `.tf` file under syntax/ carries its expected
 * diagnostics as annotations (see annotations.ts). `UPDATE_GOLDEN=1 npm run test:unit` rewrites them;
 * a missing or wrong annotation fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HclParser } from '../../server/terraform/hclParser';
import { syntaxErrors } from '../../server/terraform/syntaxErrors';
import { renderAnnotations, stripAnnotations } from './annotations';

const folder = path.join(__dirname, 'syntax');

describe('golden: HCL syntax diagnostics', () => {
  let parsers: { terraform: HclParser; hcl: HclParser };
  before(async () => {
    parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
  });
  after(() => {
    parsers.terraform.delete();
    parsers.hcl.delete();
  });

  const cases = fs.readdirSync(folder).filter((f) => f.endsWith('.tf') || f.endsWith('.tfvars')).sort();
  it('has cases', () => assert.ok(cases.length >= 10, `only ${cases.length} cases`));

  for (const name of cases) {
    it(name, () => {
      const file = path.join(folder, name);
      const annotated = fs.readFileSync(file, 'utf8');
      const source = stripAnnotations(annotated);
      const tree = (name.endsWith('.tfvars') ? parsers.hcl : parsers.terraform).parse(source);
      const actual = renderAnnotations(source, syntaxErrors(tree));
      tree.delete();
      if (process.env.UPDATE_GOLDEN === '1') {
        if (actual !== annotated) fs.writeFileSync(file, actual);
        return;
      }
      assert.equal(actual, annotated, `${name}: diagnostics differ from the annotations (UPDATE_GOLDEN=1 rewrites them)`);
    });
  }
});
