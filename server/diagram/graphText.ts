import type { DiagramEdge, DiagramElement, DiagramGraph } from './diagramModel';

function marks(e: DiagramElement): string {
  const parts: string[] = [];
  if (e.parent) parts.push(`in ${e.parent}`);
  if (e.drift) parts.push(`drift=${e.drift}`);
  if (e.address && e.address !== e.id) parts.push(`code=${e.address}`);
  if (e.findings.length > 0) parts.push(`findings=${[...new Set(e.findings.map((f) => f.code))].sort().join(',')}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

function edgeMarks(e: DiagramEdge): string {
  const parts: string[] = [];
  if (e.label) parts.push(JSON.stringify(e.label));
  if (e.risky) parts.push('risky');
  if (e.count && e.count > 1) parts.push(`×${e.count}`);
  if (e.findings.length > 0) parts.push(`findings=${[...new Set(e.findings.map((f) => f.code))].sort().join(',')}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/**
 * A graph as sorted lines of text, one per group, node and edge: what the golden tests compare and
 * what a person reads to see what a diagram holds.
 */
export function graphText(graph: DiagramGraph): string {
  const lines: string[] = [`view ${graph.view}`];
  for (const g of graph.groups) lines.push(`group ${g.kind} ${g.id} ${JSON.stringify(g.label)}${marks(g)}${g.changes ? ` changes=${JSON.stringify(g.changes)}` : ''}`);
  for (const n of graph.nodes) lines.push(`node ${n.kind} ${n.id} ${JSON.stringify(n.label)}${marks(n)}${n.changes ? ` changes=${JSON.stringify(n.changes)}` : ''}`);
  for (const e of graph.edges) lines.push(`edge ${e.kind} ${e.from} -> ${e.to}${edgeMarks(e)}`);
  return `${lines.join('\n')}\n`;
}
