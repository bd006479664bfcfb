import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { DiagramEdge, DiagramElement, DiagramFinding, DiagramGroup, DiagramLayout } from '../server/diagram/diagramModel';
import { driftName, kindName } from './labels';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function list(title: string, entries: [string, string][]): HTMLElement[] {
  if (entries.length === 0) return [];
  const dl = el('dl');
  for (const [k, v] of entries) dl.append(el('dt', k), el('dd', v));
  return [el('h3', title), dl];
}

function findings(items: DiagramFinding[]): HTMLElement[] {
  if (items.length === 0) return [];
  const unique = [...new Map(items.map((f) => [`${f.code} ${f.message}`, f])).values()];
  return [el('h3', `Findings (${unique.length})`), ...unique.map((f) => el('p', `${f.code}: ${f.message}`, 'finding'))];
}

/** What the panel can ask of the extension. */
export interface DetailsActions {
  reveal(source: NonNullable<DiagramElement['source']>): void;
  toggleGroup(id: string): void;
}

/** The selected element's attributes, tags, drift and findings, with "Go to definition" and fold/unfold. Text only. */
export function renderDetails(panel: HTMLElement, layout: DiagramLayout, id: string | undefined, actions: DetailsActions): void {
  panel.replaceChildren();
  panel.hidden = id === undefined;
  if (id === undefined) return;
  const edge = layout.graph.edges.find((e) => e.id === id);
  if (edge) return renderEdge(panel, layout, edge);
  const group = layout.graph.groups.find((g) => g.id === id);
  const element: (DiagramElement & { kind: string }) | undefined = group ?? layout.graph.nodes.find((n) => n.id === id);
  if (!element) return;
  panel.append(el('h2', element.label), el('div', `${kindName(element.kind)}${element.drift ? ` · ${driftName(element.drift)}` : ''}`, 'kind'));
  const buttons = el('div', undefined, 'actions');
  if (element.source) {
    const source = element.source;
    const button = document.createElement('vscode-button');
    button.textContent = 'Go to definition';
    button.setAttribute('aria-label', `Go to the definition of ${element.address ?? element.label}`);
    button.addEventListener('click', () => actions.reveal(source));
    buttons.append(button);
  }
  if (group) {
    const button = document.createElement('vscode-button');
    button.setAttribute('secondary', '');
    button.textContent = (group as DiagramGroup).collapsed ? `Expand (${group.memberCount})` : 'Collapse';
    button.addEventListener('click', () => actions.toggleGroup(group.id));
    buttons.append(button);
  }
  if (buttons.childElementCount > 0) panel.append(buttons);
  panel.append(...findings(element.findings));
  if (element.changes?.length) panel.append(el('h3', 'Drift'), ...element.changes.map((c) => el('p', c)));
  panel.append(...list('Attributes', [...(element.address ? [['terraform', element.address] as [string, string]] : []), ...Object.entries(element.attributes)]));
  panel.append(...list('Tags', Object.entries(element.tags)));
}

function renderEdge(panel: HTMLElement, layout: DiagramLayout, edge: DiagramEdge): void {
  const name = (id: string): string => layout.graph.nodes.find((n) => n.id === id)?.label ?? layout.graph.groups.find((g) => g.id === id)?.label ?? id;
  panel.append(el('h2', edge.label ?? edge.kind), el('div', `${edge.kind} · ${name(edge.from)} → ${name(edge.to)}${edge.count && edge.count > 1 ? ` · ${edge.count} edges` : ''}`, 'kind'));
  panel.append(...findings(edge.findings));
}
