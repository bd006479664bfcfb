import type { DiagramElement } from '../server/diagram/diagramModel';

/**
 * Whether an element matches the search box: every word must appear in its name, its kind, its id
 * or Terraform address, or one of its tags (`key`, `value` or `key=value`), case-insensitively.
 * `type:subnet` and `tag:env=prod` restrict a word to the kind or the tags.
 */
export function matchesFilter(element: DiagramElement & { kind: string }, filter: string): boolean {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const tags = Object.entries(element.tags).map(([k, v]) => `${k}=${v}`.toLowerCase());
  const names = [element.label, element.id, element.address ?? ''].map((s) => s.toLowerCase());
  const kind = element.kind.toLowerCase();
  return words.every((word) => {
    if (word.startsWith('type:')) return kind.includes(word.slice(5));
    if (word.startsWith('tag:')) return tags.some((t) => t.includes(word.slice(4)));
    return kind.includes(word) || names.some((n) => n.includes(word)) || tags.some((t) => t.includes(word));
  });
}
