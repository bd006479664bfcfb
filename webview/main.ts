/**
 * The diagram webview. It renders the laid-out diagram the extension sends and posts typed
 * messages back; layout happens in the language server. Every string it shows comes from files or
 * the cloud and is inserted as text or attribute values, never as HTML.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { DiagramLayout, DiagramView } from '../server/diagram/diagramModel';
import type { ShowDiagramMessage, ToWebviewMessage } from '../server/protocol/webviewMessages';
import { DiagramCanvas } from './diagramCanvas';
import { matchesFilter } from './diagramFilter';
import { renderDetails } from './detailsPanel';
import { exportPng, exportSvg } from './exportImage';
import { post } from './vscodeApi';

const app = document.getElementById('app') as HTMLElement;
let current: ShowDiagramMessage | undefined;
let selected: string | undefined;
let filter = '';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function button(label: string, title: string, onClick: () => void, secondary = true): HTMLElement {
  const b = document.createElement('vscode-button');
  b.textContent = label;
  b.title = title;
  b.setAttribute('aria-label', title);
  if (secondary) b.setAttribute('secondary', '');
  b.addEventListener('click', onClick);
  return b;
}

const canvas = new DiagramCanvas((id) => select(id));
const details = el('aside', undefined, 'details');
details.setAttribute('aria-label', 'Selected element');
details.hidden = true;
const status = el('div', '', 'status');
const warnings = el('div', '', 'warning');

function select(id: string | undefined): void {
  selected = id;
  if (!current) return;
  renderDetails(details, current.layout, id, {
    reveal: (source) => post({ type: 'reveal', uri: source.uri, line: source.line, character: source.character }),
    toggleGroup: (groupId) => post({ type: 'toggleGroup', id: groupId }),
  });
  canvas.mark(selected, dimmed(current.layout));
}

function dimmed(layout: DiagramLayout): Set<string> {
  const out = new Set<string>();
  if (!filter.trim()) return out;
  for (const e of [...layout.graph.nodes, ...layout.graph.groups]) if (!matchesFilter(e, filter)) out.add(e.id);
  return out;
}

function applyFilter(): void {
  if (!current) return;
  const hidden = dimmed(current.layout);
  canvas.mark(selected, hidden);
  const total = current.layout.graph.nodes.length + current.layout.graph.groups.length;
  status.textContent = summary(current) + (filter.trim() ? ` · ${total - hidden.size} of ${total} match` : '');
}

function summary(message: ShowDiagramMessage): string {
  const g = message.layout.graph;
  const risky = g.edges.filter((e) => e.risky).length;
  const drift = [...g.nodes, ...g.groups].filter((e) => e.drift).length;
  const source = [g.sources.terraform ? 'Terraform' : '', message.snapshotLabel ? `snapshot ${message.snapshotLabel}` : ''].filter(Boolean).join(' + ');
  return `${source}: ${g.groups.length} groups, ${g.nodes.length} nodes, ${g.edges.length} edges${risky ? `, ${risky} risky` : ''}${drift ? `, ${drift} drifted` : ''}`;
}

function toolbar(view: DiagramView): HTMLElement {
  const bar = el('div', undefined, 'toolbar');
  bar.setAttribute('role', 'toolbar');
  const viewSelect = document.createElement('vscode-single-select') as HTMLElement & { value: string };
  viewSelect.setAttribute('aria-label', 'Diagram view');
  for (const [value, label] of [['infra', 'Infrastructure'], ['security', 'Security groups']]) {
    const option = document.createElement('vscode-option') as HTMLElement & { value: string };
    option.setAttribute('value', value);
    option.textContent = label;
    if (value === view) option.setAttribute('selected', '');
    viewSelect.append(option);
  }
  viewSelect.addEventListener('change', () => post({ type: 'setView', view: viewSelect.value === 'security' ? 'security' : 'infra' }));
  const search = document.createElement('vscode-textfield') as HTMLElement & { value: string };
  search.setAttribute('placeholder', 'Filter: name, type:subnet, tag:env=prod');
  search.setAttribute('aria-label', 'Filter the diagram by name, type or tag');
  search.value = filter;
  search.addEventListener('input', () => {
    filter = search.value;
    applyFilter();
  });
  search.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key !== 'Enter' || !current) return;
    const hit = [...current.layout.graph.nodes, ...current.layout.graph.groups].find((x) => filter.trim() && matchesFilter(x, filter) && current?.layout.boxes[x.id]);
    if (hit) {
      select(hit.id);
      canvas.focusElement(hit.id);
    }
  });
  bar.append(
    viewSelect,
    search,
    button('Fit', 'Fit the diagram to the window (0)', () => canvas.fit()),
    button('+', 'Zoom in (+)', () => canvas.zoom(1.25)),
    button('−', 'Zoom out (-)', () => canvas.zoom(0.8)),
    current?.snapshotLabel ? button('Close snapshot', 'Show the Terraform only', () => post({ type: 'closeSnapshot' })) : button('Open snapshot…', 'Show a Cartograph snapshot with the Terraform (drift is marked)', () => post({ type: 'openSnapshot' })),
    button('SVG', 'Export the diagram as SVG', () => current && canvas.svg && post({ type: 'exportImage', format: 'svg', data: exportSvg(canvas.svg, current.exportStyle) })),
    button('PNG', 'Export the diagram as PNG', () => {
      if (!current) return;
      if (!canvas.svg) return;
      exportPng(canvas.svg, current.exportStyle, current.layout).then(
        (data) => post({ type: 'exportImage', format: 'png', data }),
        (error: unknown) => {
          warnings.textContent = `Could not draw the PNG: ${error instanceof Error ? error.message : String(error)}`;
        },
      );
    }),
    button('Refresh', 'Build the diagram again', () => post({ type: 'refresh' })),
  );
  return bar;
}

/** The element an id or address names: its own id, its address, or the block of an instance address. */
function findElement(layout: DiagramLayout, id: string): string | undefined {
  const all = [...layout.graph.nodes, ...layout.graph.groups];
  const block = id.replace(/\[[^\]]*\]$/, '');
  const hit = all.find((e) => e.id === id) ?? all.find((e) => e.address === id) ?? all.find((e) => e.address === block || e.address?.replace(/\[[^\]]*\]$/, '') === block);
  return hit?.id;
}

let pendingSelect: string | undefined;

function show(message: ToWebviewMessage): void {
  if (message.type === 'select') {
    const hit = current ? findElement(current.layout, message.id) : undefined;
    if (!hit) {
      pendingSelect = message.id;
      return;
    }
    pendingSelect = undefined;
    select(hit);
    canvas.focusElement(hit);
    return;
  }
  if (message.type === 'showError') {
    app.replaceChildren(toolbar(current?.view ?? 'infra'), el('p', message.message, 'error'));
    return;
  }
  const sameView = current?.view === message.view && current.snapshotLabel === message.snapshotLabel;
  current = message;
  warnings.textContent = message.warnings.join('\n');
  const body = el('div', undefined, 'body');
  body.append(canvas.element, details);
  app.replaceChildren(toolbar(message.view), status, warnings, body);
  canvas.show(message.layout, message.svg, sameView);
  if (selected && !message.layout.boxes[selected] && !message.layout.graph.edges.some((e) => e.id === selected)) selected = undefined;
  select(selected);
  applyFilter();
  if (pendingSelect) {
    const hit = findElement(message.layout, pendingSelect);
    if (hit) {
      pendingSelect = undefined;
      select(hit);
      canvas.focusElement(hit);
    }
  }
  if (message.layout.graph.nodes.length === 0 && message.layout.graph.groups.length === 0) {
    status.textContent = 'Nothing to draw yet: no networks, subnets or security groups in the Terraform, and no snapshot. Use "Open snapshot…" to show an imported estate.';
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebviewMessage>) => show(event.data));
post({ type: 'ready' });
