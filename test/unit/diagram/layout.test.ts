import * as assert from 'node:assert/strict';
import { buildDiagram, diagramGraph } from '../../../server/diagram/buildDiagram';
import { layoutDiagram } from '../../../server/diagram/layout';
import { syntheticSnapshot } from '../../../server/diagram/syntheticSnapshot';
import type { Box, DiagramLayout } from '../../../server/diagram/diagramModel';

const snapshot = { snapshot: syntheticSnapshot(1200), label: 'synthetic.json' };

function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('diagram layout', () => {
  it('gives the same picture for the same input, whatever order the resources come in', () => {
    const first = buildDiagram({ snapshot, view: 'infra' });
    const shuffled = { ...snapshot, snapshot: { ...snapshot.snapshot, resources: [...snapshot.snapshot.resources].reverse() } };
    const second = buildDiagram({ snapshot: shuffled, view: 'infra' });
    assert.deepEqual(second.boxes, first.boxes);
    assert.deepEqual(second.edgePaths, first.edgePaths);
    assert.deepEqual(buildDiagram({ snapshot, view: 'security' }).boxes, buildDiagram({ snapshot, view: 'security' }).boxes);
  });

  it('puts every element inside its group and no two siblings on top of each other', () => {
    const layout: DiagramLayout = buildDiagram({ snapshot, view: 'infra' });
    const elements = [...layout.graph.groups, ...layout.graph.nodes];
    const byParent = new Map<string, Box[]>();
    for (const e of elements) {
      const box = layout.boxes[e.id];
      assert.ok(box, `${e.id} has a box`);
      if (e.parent) assert.ok(contains(layout.boxes[e.parent], box), `${e.id} lies inside ${e.parent}`);
      const siblings = byParent.get(e.parent ?? '') ?? [];
      for (const other of siblings) assert.ok(!overlaps(box, other), `${e.id} overlaps a sibling`);
      siblings.push(box);
      byParent.set(e.parent ?? '', siblings);
    }
  });

  it('aggregates dense subnets edges to the subnet and hides the members of a collapsed group', () => {
    const graph = diagramGraph({ snapshot, view: 'infra' });
    const aggregated = graph.edges.filter((e) => e.kind === 'target' && (e.count ?? 1) > 1);
    assert.ok(aggregated.length > 0, 'load-balancer targets in dense subnets are drawn to the subnet');
    assert.ok(aggregated.every((e) => graph.groups.some((g) => g.id === e.to && g.kind === 'subnet')));
    const collapsed = buildDiagram({ snapshot, view: 'infra', collapsed: ['vpc-0'] });
    const vpc = collapsed.graph.groups.find((g) => g.id === 'vpc-0');
    assert.ok(vpc?.collapsed && vpc.memberCount > 0);
    assert.ok(collapsed.boxes['vpc-0']);
    assert.equal(collapsed.boxes['subnet-0-1'], undefined, 'a member of the collapsed network has no box');
    assert.ok(collapsed.graph.edges.some((e) => e.from === 'vpc-0' || e.to === 'vpc-0'), 'edges of hidden members end at the collapsed group');
  });

  it('lays out the security view as one flat graph with every node placed', () => {
    const layout = layoutDiagram(diagramGraph({ snapshot, view: 'security' }));
    for (const n of layout.graph.nodes) assert.ok(layout.boxes[n.id]);
    for (const e of layout.graph.edges) assert.ok((layout.edgePaths[e.id]?.length ?? 0) >= 2);
  });
});
