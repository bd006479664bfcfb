/**
 * Diagram benchmark: the infrastructure view of generated estates of 200, 1,000 and 5,000
 * resources, and a security-group view of 500 groups, each built, laid out (the bottom-up container
 * layout) and rendered to SVG, next to the floor measured in the same run on the same graph: dagre's
 * compound mode (every group a dagre cluster, one layout for the whole picture), the obvious way to
 * lay out nested diagrams with dagre. Compound dagre runs in a worker that is stopped at a cap
 * (default 60 s; it does not finish 5,000 nodes in minutes), so the ratio is then a bound.
 *
 *   node --require tsx/cjs bench/diagram.bench.ts [--sizes 200,1000,5000] [--runs 5] [--dagre-cap 60]
 *
 * Prints medians and ratios; goal: the 5,000-resource infrastructure view ≤ 1 s. Exits with 1 past it.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { diagramGraph } from '../server/diagram/buildDiagram';
import type { DiagramGraph } from '../server/diagram/diagramModel';
import { layoutDiagram, nodeWidth } from '../server/diagram/layout';
import { renderSvg } from '../server/diagram/renderSvg';
import { syntheticSnapshot } from '../server/diagram/syntheticSnapshot';
import type { CloudResource, CloudSnapshot } from '../server/protocol/snapshot';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '200,1000,5000' }, runs: { type: 'string', default: '5' }, 'dagre-cap': { type: 'string', default: '60' } } });
const sizes = values.sizes.split(',').map(Number).filter((n) => n > 0);
const runs = Math.max(1, Number(values.runs));
const capMs = Number(values['dagre-cap']) * 1000;

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

/** The same graph as dagre's compound input: nodes and groups with their sizes, parents, edges. */
function compoundInput(graph: DiagramGraph): { nodes: { id: string; width: number; height: number; parent?: string }[]; groups: { id: string; parent?: string }[]; edges: { from: string; to: string }[] } {
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, width: nodeWidth(n.label), height: 44, ...(n.parent ? { parent: n.parent } : {}) })),
    groups: graph.groups.map((g) => ({ id: g.id, ...(g.parent ? { parent: g.parent } : {}) })),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to })),
  };
}

const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const dagre = require(workerData.dagre);
const { nodes, groups, edges } = workerData.input;
const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70 });
g.setDefaultEdgeLabel(() => ({}));
for (const c of groups) g.setNode(c.id, {});
for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
for (const c of groups) if (c.parent) g.setParent(c.id, c.parent);
for (const n of nodes) if (n.parent) g.setParent(n.id, n.parent);
// dagre's compound mode cannot route edges that end at a cluster: those ends move to a member.
const groupIds = new Set(groups.map((c) => c.id));
const member = new Map();
for (const n of nodes) if (n.parent && !member.has(n.parent)) member.set(n.parent, n.id);
const end = (id) => (groupIds.has(id) ? member.get(id) : id);
let i = 0;
for (const e of edges) {
  const from = end(e.from), to = end(e.to);
  if (from && to && g.hasNode(from) && g.hasNode(to) && from !== to) g.setEdge(from, to, {}, 'e' + i++);
}
const t = performance.now();
dagre.layout(g);
parentPort.postMessage(performance.now() - t);
`;

/** One compound dagre layout in a worker; undefined when it passes the cap. */
function dagreCompound(graph: DiagramGraph): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerCode, { eval: true, workerData: { dagre: require.resolve('@dagrejs/dagre'), input: compoundInput(graph) } });
    const timer = setTimeout(() => void worker.terminate().then(() => resolve(undefined)), capMs);
    worker.once('message', (ms: number) => {
      clearTimeout(timer);
      void worker.terminate().then(() => resolve(ms));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** A security-group estate: `groups` groups, each allowing its neighbours, a CIDR or the Internet. */
function securitySnapshot(groups: number): CloudSnapshot {
  const base = syntheticSnapshot(200);
  const vpc = base.resources.find((r) => r.type === 'network')!;
  const resources: CloudResource[] = [vpc];
  for (let i = 0; i < groups; i++) {
    const peers = i % 10 === 0 ? [{ kind: 'cidr' as const, cidr: '0.0.0.0/0' }] : i % 3 === 0 ? [{ kind: 'cidr' as const, cidr: `10.${i % 250}.0.0/16` }] : [{ kind: 'securityGroup' as const, id: `sg-${(i * 7) % groups}` }];
    const port = [22, 443, 5432, 8080, 3389][i % 5];
    resources.push({ id: `sg-${i}`, type: 'securityGroup', provider: 'aws', nativeType: 'AWS::EC2::SecurityGroup', name: `group-${i}`, account: vpc.account, region: vpc.region, parent: vpc.id, tags: { Name: `group-${i}` }, attributes: { rules: [{ direction: 'inbound', action: 'allow', protocol: 'tcp', ports: [{ from: port, to: port }], peers }] }, relations: [] });
  }
  return { ...base, resources };
}

async function main(): Promise<void> {
  let goalMet = true;
  const rows: string[] = [];
  const cases: { label: string; snapshot: CloudSnapshot; view: 'infra' | 'security'; goal?: number }[] = [
    ...sizes.map((n) => ({ label: `infrastructure, ${n} resources`, snapshot: syntheticSnapshot(n), view: 'infra' as const, ...(n >= 5000 ? { goal: 1000 } : {}) })),
    { label: 'security groups, 500 groups', snapshot: securitySnapshot(500), view: 'security' as const },
  ];
  for (const c of cases) {
    const input = { snapshot: { snapshot: c.snapshot, label: 'synthetic' }, view: c.view };
    const graph = diagramGraph(input);
    const ours = median(() => renderSvg(layoutDiagram(diagramGraph(input))));
    const floor = await dagreCompound(graph);
    const ratio = floor === undefined ? `≤ ${(ours / capMs).toFixed(4)} (dagre compound > ${capMs / 1000} s)` : `${(ours / floor).toFixed(4)} (dagre compound ${floor.toFixed(0)} ms)`;
    rows.push(`${c.label.padEnd(34)} ${String(c.snapshot.resources.length).padStart(5)} res → ${String(graph.groups.length).padStart(4)} groups ${String(graph.nodes.length).padStart(5)} nodes ${String(graph.edges.length).padStart(5)} edges   build+layout+SVG ${ours.toFixed(1).padStart(7)} ms   ratio to floor ${ratio}${c.goal ? `   (goal ≤ ${c.goal} ms)` : ''}`);
    console.log(rows[rows.length - 1]);
    if (c.goal && ours > c.goal) goalMet = false;
  }
  console.log(`median of ${runs} runs each; floor: one compound-mode @dagrejs/dagre layout of the same graph, measured in this run`);
  process.exit(goalMet ? 0 : 1);
}

void main();
