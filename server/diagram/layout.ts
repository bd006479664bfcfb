import type { Box, DiagramEdge, DiagramElement, DiagramGraph, DiagramGroup, DiagramLayout, Point } from './diagramModel';
import { dagreFlat, gridFlat, type FlatResult } from './flatLayout';

/** Space inside a group's border, and the height of its title. */
const padding = 14;
const header = 26;
const gap = 16;
const nodeHeight = 44;
/** A container whose members have edges among them is laid out with dagre up to this many members; beyond, in a grid. */
const dagreLimit = 40;

/** A node's width from its label, so that labels fit without measuring text. */
export function nodeWidth(label: string): number {
  return Math.max(110, Math.min(230, label.length * 7 + 28));
}

const groupOrder: Record<string, number> = { account: 0, region: 1, network: 2, zone: 3, subnet: 4 };

function compareElements(a: DiagramElement & { kind: string }, b: DiagramElement & { kind: string }): number {
  const ka = groupOrder[a.kind] ?? 9;
  const kb = groupOrder[b.kind] ?? 9;
  if (ka !== kb) return ka - kb;
  if (a.label !== b.label) return a.label < b.label ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Lays out a diagram. The infrastructure view is laid out bottom-up: each container's members are
 * placed (a flat dagre layout when they have edges among them and are few, else rows of cells),
 * then containers are packed inside their parent in rows, up to the top. It is linear in the number
 * of elements apart from the small dagre runs, and deterministic: the same graph gives the same
 * picture. The security view, a flat graph, is one dagre layout.
 */
export function layoutDiagram(graph: DiagramGraph): DiagramLayout {
  if (graph.view === 'security' && graph.groups.length === 0) return flatDiagram(graph);
  return nestedDiagram(graph);
}

function flatDiagram(graph: DiagramGraph): DiagramLayout {
  const boxes = graph.nodes.map((n) => ({ id: n.id, width: nodeWidth(n.label), height: nodeHeight }));
  const flat = graph.nodes.length <= 1500 ? dagreFlat({ boxes, edges: graph.edges }, 'LR') : gridFlat(boxes, gap);
  const result = offset(flat, padding, padding);
  const edgePaths: Record<string, Point[]> = {};
  for (const edge of graph.edges) {
    const path = flat.edgePaths.get(edge.id);
    if (path) edgePaths[edge.id] = path.map((p) => ({ x: p.x + padding, y: p.y + padding }));
    else straightEdge(edge, result, edgePaths);
  }
  return { graph, width: flat.width + 2 * padding, height: flat.height + 2 * padding, boxes: result, edgePaths };
}

function offset(flat: FlatResult, dx: number, dy: number): Record<string, Box> {
  const out: Record<string, Box> = {};
  for (const [id, b] of flat.boxes) out[id] = { x: b.x + dx, y: b.y + dy, width: b.width, height: b.height };
  return out;
}

function nestedDiagram(graph: DiagramGraph): DiagramLayout {
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  const children = new Map<string, (DiagramElement & { kind: string })[]>();
  const roots: (DiagramElement & { kind: string })[] = [];
  for (const element of [...graph.groups, ...graph.nodes]) {
    const list = element.parent !== undefined && groups.has(element.parent) ? (children.get(element.parent) ?? children.set(element.parent, []).get(element.parent)!) : roots;
    list.push(element);
  }
  // Edges between siblings, by the container that holds both ends.
  const parentOf = new Map<string, string | undefined>([...graph.groups, ...graph.nodes].map((e) => [e.id, e.parent]));
  const siblingEdges = new Map<string | undefined, DiagramEdge[]>();
  for (const edge of graph.edges) {
    const p = parentOf.get(edge.from);
    if (p !== parentOf.get(edge.to)) continue;
    const list = siblingEdges.get(p) ?? [];
    list.push(edge);
    siblingEdges.set(p, list);
  }

  // Relative positions of each container's members, and each element's size.
  const size = new Map<string, { width: number; height: number }>();
  const relative = new Map<string, Box>();
  const innerEdgePaths = new Map<string, { container: string | undefined; points: Point[] }>();
  const place = (container: string | undefined, members: (DiagramElement & { kind: string })[]): { width: number; height: number } => {
    members.sort(compareElements);
    for (const m of members) {
      if (size.has(m.id)) continue;
      const g = groups.get(m.id);
      if (!g) size.set(m.id, { width: nodeWidth(m.label), height: nodeHeight });
      else if (g.collapsed || !children.has(g.id)) size.set(m.id, { width: nodeWidth(`${g.label} (${g.memberCount})`) + 20, height: header + padding + 10 });
      else {
        const inner = place(g.id, children.get(g.id)!);
        size.set(m.id, { width: Math.max(inner.width + 2 * padding, nodeWidth(g.label) + 20), height: inner.height + header + padding });
      }
    }
    const leaves = members.filter((m) => !groups.has(m.id));
    const nested = members.filter((m) => groups.has(m.id));
    const leafBoxes = leaves.map((m) => ({ id: m.id, ...size.get(m.id)! }));
    const leafIds = new Set(leaves.map((l) => l.id));
    const edges = (siblingEdges.get(container) ?? []).filter((e) => leafIds.has(e.from) && leafIds.has(e.to));
    const leafLayout = edges.length > 0 && leaves.length <= dagreLimit ? dagreFlat({ boxes: leafBoxes, edges }, 'LR') : gridFlat(leafBoxes, gap);
    for (const [id, b] of leafLayout.boxes) relative.set(id, b);
    for (const [id, points] of leafLayout.edgePaths) innerEdgePaths.set(id, { container, points });
    // Containers in rows under the leaves, wrapped at a width that keeps the whole roughly 16:10.
    const area = nested.reduce((sum, m) => sum + size.get(m.id)!.width * size.get(m.id)!.height, 0);
    const widest = nested.reduce((w, m) => Math.max(w, size.get(m.id)!.width), 0);
    const rowLimit = Math.max(leafLayout.width, widest, Math.sqrt(area * 1.6));
    let x = 0;
    let y = leafLayout.height > 0 ? leafLayout.height + gap : 0;
    let rowHeight = 0;
    let width = leafLayout.width;
    for (const m of nested) {
      const s = size.get(m.id)!;
      if (x > 0 && x + s.width > rowLimit) {
        x = 0;
        y += rowHeight + gap;
        rowHeight = 0;
      }
      relative.set(m.id, { x, y, width: s.width, height: s.height });
      x += s.width + gap;
      rowHeight = Math.max(rowHeight, s.height);
      width = Math.max(width, x - gap);
    }
    const height = nested.length > 0 ? y + rowHeight : leafLayout.height;
    return { width, height };
  };
  const top = place(undefined, roots);

  // Absolute positions, top-down; members of collapsed groups get none.
  const boxes: Record<string, Box> = {};
  const origin = new Map<string | undefined, Point>([[undefined, { x: padding, y: padding }]]);
  const visit = (members: (DiagramElement & { kind: string })[], at: Point): void => {
    for (const m of members) {
      const r = relative.get(m.id)!;
      const box = { x: r.x + at.x, y: r.y + at.y, width: r.width, height: r.height };
      boxes[m.id] = box;
      const g = groups.get(m.id) as DiagramGroup | undefined;
      if (g && !g.collapsed && children.has(g.id)) {
        const inner = { x: box.x + padding, y: box.y + header };
        origin.set(g.id, inner);
        visit(children.get(g.id)!, inner);
      }
    }
  };
  visit(roots, { x: padding, y: padding });

  const edgePaths: Record<string, Point[]> = {};
  for (const edge of graph.edges) {
    const inner = innerEdgePaths.get(edge.id);
    const at = inner ? origin.get(inner.container) : undefined;
    if (inner && at && boxes[edge.from] && boxes[edge.to]) edgePaths[edge.id] = inner.points.map((p) => ({ x: p.x + at.x, y: p.y + at.y }));
    else straightEdge(edge, boxes, edgePaths);
  }
  return { graph, width: top.width + 2 * padding, height: top.height + 2 * padding, boxes, edgePaths };
}

/** A straight segment between two boxes' borders, along the line joining their centres. */
function straightEdge(edge: DiagramEdge, boxes: Record<string, Box>, out: Record<string, Point[]>): void {
  const a = boxes[edge.from];
  const b = boxes[edge.to];
  if (!a || !b) return;
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  // An edge from a container to something inside it starts at the container's title instead.
  if (inside(b, a)) ca.y = a.y + 8;
  if (inside(a, b)) cb.y = b.y + 8;
  out[edge.id] = [clip(a, ca, cb), clip(b, cb, ca)];
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** Where the segment from `from` (in `box`) towards `to` leaves the box. */
function clip(box: Box, from: Point, to: Point): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (dx === 0 && dy === 0) return from;
  const hw = box.width / 2;
  const hh = box.height / 2;
  const cx = box.x + hw;
  const cy = box.y + hh;
  // Points already outside (a title anchor) are left as they are.
  if (Math.abs(from.x - cx) > hw || Math.abs(from.y - cy) > hh) return from;
  const tx = dx !== 0 ? (dx > 0 ? cx + hw - from.x : cx - hw - from.x) / dx : Infinity;
  const ty = dy !== 0 ? (dy > 0 ? cy + hh - from.y : cy - hh - from.y) / dy : Infinity;
  const t = Math.min(tx, ty, 1);
  return { x: Math.round((from.x + dx * t) * 10) / 10, y: Math.round((from.y + dy * t) * 10) / 10 };
}
