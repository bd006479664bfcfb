/** Small helpers the mappers of both providers use to build relations and lists without gaps. */
import type { Relation, RelationKind } from '../protocol/snapshot';

/** Relations of one kind to each id that is present, without duplicates. */
export function relationsTo(kind: RelationKind, ids: readonly (string | undefined)[]): Relation[] {
  const seen = new Set<string>();
  const out: Relation[] = [];
  for (const id of ids) {
    if (!id || seen.has(id)) continue;
    seen.add(id);
    out.push({ kind, to: id });
  }
  return out;
}

/** Drops absent and empty entries from a list of strings, and repeats. */
export function present(values: readonly (string | undefined)[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) if (typeof v === 'string' && v.length > 0 && !out.includes(v)) out.push(v);
  return out;
}
