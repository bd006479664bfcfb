/**
 * The diagram webview. It renders what the extension sends and posts typed messages back. Every
 * string it shows comes from files or the cloud and is inserted as text, never as HTML.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { InventoryBlock } from '../server/protocol/customMessages';
import type { ToWebviewMessage } from '../server/protocol/webviewMessages';
import { post } from './vscodeApi';
import { groupInventory } from './inventoryGroups';

const app = document.getElementById('app') as HTMLElement;
let current: { blocks: InventoryBlock[]; fileLabels: Record<string, string> } | undefined;
let filter = '';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function toolbar(): HTMLElement {
  const bar = el('div', undefined, 'toolbar');
  const search = document.createElement('vscode-textfield') as HTMLElement & { value: string };
  search.setAttribute('placeholder', 'Filter by type or name');
  search.setAttribute('aria-label', 'Filter blocks by type or name');
  search.value = filter;
  search.addEventListener('input', () => {
    filter = search.value;
    renderList();
  });
  const refresh = document.createElement('vscode-button');
  refresh.textContent = 'Refresh';
  refresh.addEventListener('click', () => post({ type: 'refresh' }));
  bar.append(search, refresh);
  return bar;
}

function renderList(): void {
  const list = document.getElementById('inventory');
  if (!list || !current) return;
  list.replaceChildren();
  const groups = groupInventory(current.blocks, filter);
  if (groups.length === 0) {
    list.append(el('p', current.blocks.length === 0 ? 'No Terraform blocks in this workspace yet.' : 'Nothing matches the filter.', 'empty'));
    return;
  }
  for (const group of groups) {
    const section = el('section');
    section.append(el('h2', `${group.title} (${group.blocks.length})`));
    const ul = el('ul');
    for (const block of group.blocks) {
      const li = el('li');
      const button = el('button', block.labels.join('.') || block.kind, 'block');
      const where = `${current.fileLabels[block.uri] ?? block.uri}:${block.selectionRange.start.line + 1}`;
      button.title = `Go to ${where}`;
      button.setAttribute('aria-label', `${group.title} ${block.labels.join(' ')}, go to definition in ${where}`);
      button.addEventListener('click', () =>
        post({ type: 'reveal', uri: block.uri, line: block.selectionRange.start.line, character: block.selectionRange.start.character }),
      );
      li.append(button, el('span', where, 'where'));
      ul.append(li);
    }
    section.append(ul);
    list.append(section);
  }
}

function show(message: ToWebviewMessage): void {
  app.replaceChildren();
  if (message.type === 'showError') {
    app.append(toolbar(), el('p', message.message, 'error'));
    return;
  }
  current = { blocks: message.blocks, fileLabels: message.fileLabels };
  const list = el('div');
  list.id = 'inventory';
  app.append(toolbar(), list);
  renderList();
}

window.addEventListener('message', (event: MessageEvent<ToWebviewMessage>) => show(event.data));
post({ type: 'ready' });
