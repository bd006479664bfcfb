import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { workspaceDiagram } from '../../../server/lsp/handlers/diagram';

const example = path.join(__dirname, '../../../examples/snapshot/aws-northwind-production.json');

describe('cartograph/diagram handler', () => {
  it('draws a snapshot with its risky rules in the security view', async () => {
    const result = await workspaceDiagram(undefined, { view: 'security', snapshotPath: example });
    assert.deepEqual(result.warnings, []);
    const risky = result.layout.graph.edges.filter((e) => e.risky);
    assert.ok(risky.some((e) => e.from === 'internet' && e.findings.some((f) => f.code === 'CG-AWS-SG-001')), 'world-open SSH or RDP is highlighted with its finding');
    assert.equal(result.svg.tag, 'svg');
  });

  it('still draws, with a warning naming the file, when the snapshot cannot be read', async () => {
    const result = await workspaceDiagram(undefined, { view: 'infra', snapshotPath: '/nonexistent/snap.json' });
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0], /\/nonexistent\/snap\.json/);
    assert.equal(result.layout.graph.nodes.length, 0);
  });

  it('folds the groups it is asked to collapse', async () => {
    const open = await workspaceDiagram(undefined, { view: 'infra', snapshotPath: example });
    const network = open.layout.graph.groups.find((g) => g.kind === 'network');
    assert.ok(network);
    const folded = await workspaceDiagram(undefined, { view: 'infra', snapshotPath: example, collapsed: [network.id] });
    assert.equal(folded.layout.graph.groups.find((g) => g.id === network.id)?.collapsed, true);
    assert.ok(Object.keys(folded.layout.boxes).length < Object.keys(open.layout.boxes).length);
  });
});
