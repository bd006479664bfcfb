import type { InventoryBlock } from '../server/protocol/customMessages';

/** A heading and the blocks under it, as the webview lists them. */
export interface InventoryGroup {
  title: string;
  blocks: InventoryBlock[];
}

/**
 * Groups blocks by kind and, for resources and data sources, by type (`resource aws_vpc`), keeping
 * only those whose kind, labels match `filter` (case-insensitive). Groups are sorted by title.
 */
export function groupInventory(blocks: readonly InventoryBlock[], filter: string): InventoryGroup[] {
  const needle = filter.trim().toLowerCase();
  const groups = new Map<string, InventoryBlock[]>();
  for (const block of blocks) {
    const typed = (block.kind === 'resource' || block.kind === 'data') && block.labels.length > 1;
    const title = typed ? `${block.kind} ${block.labels[0]}` : block.kind;
    if (needle && !`${block.kind} ${block.labels.join(' ')}`.toLowerCase().includes(needle)) continue;
    const shown = typed ? { ...block, labels: block.labels.slice(1) } : block;
    const list = groups.get(title) ?? [];
    list.push(shown);
    groups.set(title, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([title, list]) => ({ title, blocks: list }));
}
