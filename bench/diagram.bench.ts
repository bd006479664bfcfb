/**
 * Diagram layout benchmark: the infrastructure view of a generated estate of 5,000 resources,
 * built and laid out (the bottom-up container layout), next to two floors measured in the same run:
 * building the graph without layout, and one flat dagre layout of the largest subnet's members
 * (the best a single dagre run can do on the densest container). Also the security-group view.
 *
 *   node --require tsx/cjs bench/diagram.bench.ts [--resources 5000] [--runs 5]
 *
 * Prints the median times and their ratios; goal: infrastructure layout ≤ 1 s. Exits with 1 past
 * the goal.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { diagramGraph } from '../server/diagram/buildDiagram';
import { dagreFlat } from '../server/diagram/flatLayout';
import { layoutDiagram, nodeWidth } from '../server/diagram/layout';
import { syntheticSnapshot } from '../server/diagram/syntheticSnapshot';

const { values } = parseArgs({ options: { resources: { type: 'string', default: '5000' }, runs: { type: 'string', default: '5' } } });
const size = Number(values.resources);
const runs = Math.max(1, Number(values.runs));
const snapshot = { snapshot: syntheticSnapshot(size), label: 'synthetic' };

function median(f: () => void): number {
  const times: number[] = [];
  f();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const graph = diagramGraph({ snapshot, view: 'infra' });
const members = new Map<string, string[]>();
for (const n of graph.nodes) if (n.parent) members.set(n.parent, [...(members.get(n.parent) ?? []), n.id]);
const largest = [...members.entries()].sort((a, b) => b[1].length - a[1].length)[0];
const largestBoxes = largest[1].map((id) => ({ id, width: nodeWidth(graph.nodes.find((n) => n.id === id)!.label), height: 44 }));
// The floor's flat graph gets a chain of edges, so that dagre does real ranking work.
const largestEdges = largest[1].slice(1).map((id, i) => ({ id: `e${i}`, from: largest[1][i], to: id }));

const build = median(() => diagramGraph({ snapshot, view: 'infra' }));
const flat = median(() => dagreFlat({ boxes: largestBoxes, edges: largestEdges }));
const full = median(() => layoutDiagram(diagramGraph({ snapshot, view: 'infra' })));
const security = median(() => layoutDiagram(diagramGraph({ snapshot, view: 'security' })));

console.log(`${snapshot.snapshot.resources.length} resources → ${graph.groups.length} groups, ${graph.nodes.length} nodes, ${graph.edges.length} edges (median of ${runs})`);
console.log(`floor: graph without layout          ${build.toFixed(1)} ms`);
console.log(`floor: flat dagre, largest subnet (${largest[1].length}) ${flat.toFixed(1)} ms`);
console.log(`infrastructure view, built and laid out ${full.toFixed(1)} ms  = ${(full / build).toFixed(1)}× the graph alone, ${(full / flat).toFixed(1)}× one flat dagre run  (goal ≤ 1000 ms)`);
console.log(`security-group view, built and laid out ${security.toFixed(1)} ms`);
process.exit(full <= 1000 ? 0 : 1);
