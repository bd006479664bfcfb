import type { DiagramEdge, DiagramElement, DiagramGroup, DiagramLayout, DiagramNode, Point } from './diagramModel';

/**
 * A renderer-neutral SVG element. The CLI serialises it to text (escaping every attribute and text);
 * the webview builds DOM nodes from it with `setAttribute` and `textContent`. Either way, names and
 * tags from the cloud are only ever text, never markup.
 */
export interface SvgElement {
  tag: string;
  attrs: Record<string, string>;
  text?: string;
  children: SvgElement[];
}

const maxLabel = 30;

function el(tag: string, attrs: Record<string, string>, children: SvgElement[] = [], text?: string): SvgElement {
  return text === undefined ? { tag, attrs, children } : { tag, attrs, children, text };
}

/** A class token from untrusted text: letters, digits and dashes only. */
export function classToken(s: string): string {
  return s.replace(/[^A-Za-z0-9-]/g, '');
}

function shorten(label: string, max = maxLabel): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function classes(base: string, e: DiagramElement & { kind: string }, extra: string[] = []): string {
  const list = [base, `${base}-${classToken(e.kind)}`, ...extra];
  if (e.drift) list.push(`drift-${classToken(e.drift)}`);
  if (e.findings.length > 0) list.push('has-findings');
  return list.join(' ');
}

const kindNames: Record<string, string> = {
  network: 'network',
  subnet: 'subnet',
  instance: 'instance',
  networkInterface: 'interface',
  natGateway: 'NAT gateway',
  internetGateway: 'internet gateway',
  egressOnlyInternetGateway: 'egress-only gateway',
  loadBalancer: 'load balancer',
  database: 'database',
  endpoint: 'endpoint',
  transitGatewayAttachment: 'transit attachment',
  transitGateway: 'transit gateway',
  peering: 'peering',
  securityGroup: 'security group',
  internet: 'the internet',
  cidr: 'address range',
  prefixList: 'prefix list',
  serviceTag: 'service tag',
  externalGroup: 'security group (outside)',
};

/** What a kind is called in the diagram. */
export function kindName(kind: string): string {
  return kindNames[kind] ?? kind;
}

const driftNames: Record<string, string> = { codeOnly: 'only in code', liveOnly: 'only live', changed: 'changed' };

/** The drift mark as words. */
export function driftName(drift: string): string {
  return driftNames[drift] ?? drift;
}

function groupElement(g: DiagramGroup, layout: DiagramLayout): SvgElement | undefined {
  const b = layout.boxes[g.id];
  if (!b) return undefined;
  const title = `${g.label}${g.collapsed ? ` (${g.memberCount})` : ''}`;
  const badge = g.drift ? ` · ${driftName(g.drift)}` : '';
  return el('g', { class: classes('group', g, g.collapsed ? ['collapsed'] : []), 'data-id': g.id, tabindex: '0', role: 'button', 'aria-label': `${kindName(g.kind)} ${g.label}${badge}` }, [
    el('rect', { x: n(b.x), y: n(b.y), width: n(b.width), height: n(b.height), rx: '6' }),
    el('text', { class: 'group-label', x: n(b.x + 10), y: n(b.y + 17) }, [], `${g.kind === 'zone' || g.kind === 'region' || g.kind === 'account' ? '' : `${kindName(g.kind)}: `}${shorten(title, Math.max(8, Math.floor(b.width / 7) - 6))}${badge}`),
    el('title', {}, [], `${kindName(g.kind)} ${g.label}`),
  ]);
}

function nodeElement(node: DiagramNode, layout: DiagramLayout): SvgElement | undefined {
  const b = layout.boxes[node.id];
  if (!b) return undefined;
  const badge = node.drift ? ` · ${driftName(node.drift)}` : '';
  return el('g', { class: classes('node', node), 'data-id': node.id, tabindex: '0', role: 'button', 'aria-label': `${kindName(node.kind)} ${node.label}${badge}` }, [
    el('rect', { x: n(b.x), y: n(b.y), width: n(b.width), height: n(b.height), rx: '4' }),
    el('text', { class: 'label', x: n(b.x + 8), y: n(b.y + 18) }, [], shorten(node.label)),
    el('text', { class: 'kind', x: n(b.x + 8), y: n(b.y + 34) }, [], `${kindName(node.kind)}${badge}`),
    el('title', {}, [], `${kindName(node.kind)} ${node.label}`),
  ]);
}

function edgeElement(edge: DiagramEdge, points: Point[] | undefined): SvgElement | undefined {
  if (!points || points.length < 2) return undefined;
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)} ${n(p.y)}`).join(' ');
  const list = ['edge', `edge-${classToken(edge.kind)}`];
  if (edge.risky) list.push('risky');
  if (edge.drift) list.push(`drift-${classToken(edge.drift)}`);
  const label = [edge.label, edge.count && edge.count > 1 ? `×${edge.count}` : undefined].filter(Boolean).join(' ');
  const mid = points[Math.floor((points.length - 1) / 2)];
  const next = points[Math.floor((points.length - 1) / 2) + 1];
  const children = [el('path', { d, 'marker-end': edge.risky ? 'url(#arrow-risky)' : 'url(#arrow)' })];
  if (label) children.push(el('text', { class: 'edge-label', x: n((mid.x + next.x) / 2), y: n((mid.y + next.y) / 2 - 4) }, [], shorten(label, 40)));
  children.push(el('title', {}, [], `${edge.kind}${label ? `: ${label}` : ''}`));
  return el('g', { class: list.join(' '), 'data-id': edge.id, ...(edge.findings.length > 0 ? { tabindex: '0', role: 'button', 'aria-label': `rule ${label}, ${edge.findings.length} finding${edge.findings.length > 1 ? 's' : ''}` } : {}) }, children);
}

function marker(id: string): SvgElement {
  return el('marker', { id, viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, [el('path', { d: 'M0 0 L10 5 L0 10 z', class: `${id}-head` })]);
}

/** The diagram as an SVG tree: groups (outermost first), then edges, then nodes on top. */
export function diagramSvgTree(layout: DiagramLayout): SvgElement {
  const depth = new Map<string, number>();
  const groups = new Map(layout.graph.groups.map((g) => [g.id, g]));
  const depthOf = (g: DiagramGroup): number => {
    const known = depth.get(g.id);
    if (known !== undefined) return known;
    const parent = g.parent ? groups.get(g.parent) : undefined;
    const d = parent ? depthOf(parent) + 1 : 0;
    depth.set(g.id, d);
    return d;
  };
  const orderedGroups = [...layout.graph.groups].sort((a, b) => depthOf(a) - depthOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const children: SvgElement[] = [el('defs', {}, [marker('arrow'), marker('arrow-risky')])];
  children.push(el('g', { class: 'groups' }, orderedGroups.map((g) => groupElement(g, layout)).filter((x): x is SvgElement => x !== undefined)));
  children.push(el('g', { class: 'edges' }, layout.graph.edges.map((e) => edgeElement(e, layout.edgePaths[e.id])).filter((x): x is SvgElement => x !== undefined)));
  children.push(el('g', { class: 'nodes' }, layout.graph.nodes.map((node) => nodeElement(node, layout)).filter((x): x is SvgElement => x !== undefined)));
  return el('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: `0 0 ${n(layout.width)} ${n(layout.height)}`,
    width: n(layout.width),
    height: n(layout.height),
    class: `diagram diagram-${layout.graph.view}`,
    role: 'group',
    'aria-label': layout.graph.view === 'security' ? 'Security-group diagram' : 'Infrastructure diagram',
  }, children);
}

/** Escapes text and attribute values for XML and HTML: `&`, `<`, `>`, both quotes. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

const safeName = /^[A-Za-z][A-Za-z0-9:-]*$/;

/** Serialises an SVG tree; tag and attribute names that are not plain names are dropped, every value is escaped. */
export function serializeSvg(node: SvgElement, style?: string): string {
  if (!safeName.test(node.tag)) return '';
  const attrs = Object.entries(node.attrs)
    .filter(([k]) => safeName.test(k) && !/^on/i.test(k))
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const inner = (style !== undefined ? `<style>${style.replace(/</g, '')}</style>` : '') + (node.text !== undefined ? escapeXml(node.text) : '') + node.children.map((c) => serializeSvg(c)).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}
