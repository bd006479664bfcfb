/**
 * Golden cases for the diagram graphs, one folder per case under cases/: Terraform files (`*.tf`,
 * `*.tfvars`), a snapshot (`snapshot.json`), or both (drift). `expected.txt` holds both views'
 * groups, nodes and edges as text (server/diagram/graphText.ts). `UPDATE_GOLDEN=1` rewrites it; a
 * missing one fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { readSnapshot } from '../../../server/cloud/snapshotStore';
import { diagramGraph, type DiagramInput } from '../../../server/diagram/buildDiagram';
import { graphText } from '../../../server/diagram/graphText';
import { HclParser } from '../../../server/terraform/hclParser';
import { WorkspaceIndex } from '../../../server/terraform/workspaceIndex';
import { modelText } from '../../../server/workspace/parseFile';

const casesDir = path.join(__dirname, 'cases');

async function loadInput(dir: string): Promise<Omit<DiagramInput, 'view'>> {
  const input: Omit<DiagramInput, 'view'> = {};
  const tf = fs.readdirSync(dir).filter((f) => f.endsWith('.tf') || f.endsWith('.tfvars')).sort();
  if (tf.length > 0) {
    const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
    const index = new WorkspaceIndex();
    for (const f of tf) index.setFile(modelText(parsers, fs.readFileSync(path.join(dir, f), 'utf8'), URI.file(path.join(dir, f)).toString()));
    parsers.terraform.delete();
    parsers.hcl.delete();
    input.index = index;
  }
  const snapshotFile = path.join(dir, 'snapshot.json');
  if (fs.existsSync(snapshotFile)) input.snapshot = { snapshot: await readSnapshot(snapshotFile), label: 'snapshot.json' };
  return input;
}

describe('golden: diagram graphs', () => {
  for (const name of fs.readdirSync(casesDir).sort()) {
    it(name, async () => {
      const dir = path.join(casesDir, name);
      const input = await loadInput(dir);
      const actual = `${graphText(diagramGraph({ ...input, view: 'infra' }))}\n${graphText(diagramGraph({ ...input, view: 'security' }))}`;
      const file = path.join(dir, 'expected.txt');
      const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      if (process.env.UPDATE_GOLDEN === '1') {
        if (actual !== expected) fs.writeFileSync(file, actual);
        return;
      }
      if (expected === undefined) assert.fail(`${file} is missing: run UPDATE_GOLDEN=1 to create it with:\n${actual}`);
      assert.equal(actual, expected);
    });
  }
});
