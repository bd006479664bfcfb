/**
 * Golden SVGs of the demo workspace: the Terraform of examples/terraform joined to the recorded
 * snapshot through its terraform.tfstate, in both views, exactly as `cartograph diagram` writes them.
 * A change to the graph, the layout or the renderer shows here as a diff of the picture's source.
 * `UPDATE_GOLDEN=1` rewrites them; a missing one fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSnapshot } from '../../../server/cloud/snapshotStore';
import { buildDiagram } from '../../../server/diagram/buildDiagram';
import { renderSvg } from '../../../server/diagram/renderSvg';
import { linkAndCompare, workspaceStates } from '../../../server/link/linkSession';
import { indexFolder } from '../../../server/workspace/indexFolder';

const examples = path.join(__dirname, '..', '..', '..', 'examples');

describe('golden: the demo diagram as SVG', () => {
  for (const view of ['infra', 'security'] as const) {
    it(`examples, ${view} view`, async () => {
      const index = await indexFolder(path.join(examples, 'terraform'), 'diagram', () => undefined);
      const snapshot = await readSnapshot(path.join(examples, 'snapshot', 'aws-northwind-production.json'));
      const linked = linkAndCompare(index, snapshot, workspaceStates(index).states);
      const actual = renderSvg(buildDiagram({ index, snapshot: { snapshot, label: 'aws-northwind-production.json' }, view, linked }));
      const file = path.join(__dirname, `examples-${view}.svg`);
      const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      if (process.env.UPDATE_GOLDEN === '1') {
        if (actual !== expected) fs.writeFileSync(file, actual);
        return;
      }
      if (expected === undefined) assert.fail(`${file} is missing: run UPDATE_GOLDEN=1 to create it`);
      assert.equal(actual, expected);
      // The demo's drift is in the picture: the resized instance is marked changed.
      if (view === 'infra') assert.match(actual, /class="[^"]*drift-changed[^"]*" data-id="i-575ea926f1ba990a9"/);
    });
  }
});
