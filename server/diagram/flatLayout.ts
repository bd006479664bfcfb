import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import type { Box, Point } from './diagramModel';

/** A box to place, and the edges between boxes. */
export interface FlatInput {
  boxes: { id: string; width: number; height: number }[];
  edges: { id: string; from: string; to: string; label?: string }[];
}

/** Boxes placed from (0, 0), with edge polylines, and the extent. */
export interface FlatResult {
  boxes: Map<string, Box>;
  edgePaths: Map<string, Point[]>;
  width: number;
  height: number;
}

/**
 * One flat (non-compound) dagre layout: where dagre shines, for the few dozen members of one
 * container and for the security-group graph. Input order is kept, so the same input gives the
 * same picture.
 */
export function dagreFlat(input: FlatInput, rankdir: 'LR' | 'TB' = 'LR'): FlatResult {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir, nodesep: 18, ranksep: 70, edgesep: 10, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of input.boxes) g.setNode(b.id, { width: b.width, height: b.height });
  const ids = new Set(input.boxes.map((b) => b.id));
  for (const e of input.edges) {
    if (!ids.has(e.from) || !ids.has(e.to) || e.from === e.to) continue;
    g.setEdge(e.from, e.to, { width: e.label ? Math.min(e.label.length * 6, 160) : 0, height: e.label ? 14 : 0, labelpos: 'c' }, e.id);
  }
  dagreLayout(g);
  const boxes = new Map<string, Box>();
  let width = 0;
  let height = 0;
  for (const b of input.boxes) {
    const n = g.node(b.id) as { x: number; y: number; width: number; height: number };
    const box = { x: n.x - b.width / 2, y: n.y - b.height / 2, width: b.width, height: b.height };
    boxes.set(b.id, box);
    width = Math.max(width, box.x + box.width);
    height = Math.max(height, box.y + box.height);
  }
  const edgePaths = new Map<string, Point[]>();
  for (const e of g.edges()) {
    const label = g.edge(e) as { points?: Point[] };
    if (e.name && label.points) edgePaths.set(e.name, label.points.map((p) => ({ x: p.x, y: p.y })));
  }
  return { boxes, edgePaths, width, height };
}

/** Boxes in rows of equal cells: linear time, for containers with many members and no edges among them. */
export function gridFlat(boxes: readonly { id: string; width: number; height: number }[], gap: number): FlatResult {
  const out = new Map<string, Box>();
  if (boxes.length === 0) return { boxes: out, edgePaths: new Map(), width: 0, height: 0 };
  const cellW = Math.max(...boxes.map((b) => b.width));
  const cellH = Math.max(...boxes.map((b) => b.height));
  const columns = Math.max(1, Math.ceil(Math.sqrt((boxes.length * cellH) / cellW * 1.6)));
  boxes.forEach((b, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    out.set(b.id, { x: column * (cellW + gap), y: row * (cellH + gap), width: b.width, height: b.height });
  });
  const rows = Math.ceil(boxes.length / columns);
  return { boxes: out, edgePaths: new Map(), width: Math.min(columns, boxes.length) * (cellW + gap) - gap, height: rows * (cellH + gap) - gap };
}
