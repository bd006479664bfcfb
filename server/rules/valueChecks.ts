import type { Value } from '../terraform/values';

/** The string a value holds, or undefined when it is not a known string. */
export function knownString(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

/** The number a value holds (numbers written as strings too), or undefined. */
export function knownNumber(v: Value | undefined): number | undefined {
  if (v?.kind === 'number') return v.value;
  if (v?.kind === 'string' && /^-?\d+(\.\d+)?$/.test(v.value.trim())) return Number(v.value);
  return undefined;
}

/** The boolean a value holds (`"true"` too, as Terraform converts it), or undefined. */
export function knownBool(v: Value | undefined): boolean | undefined {
  if (v?.kind === 'bool') return v.value;
  if (v?.kind === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  return undefined;
}

/** The known strings of a list (or of a single string); unknown items are left out. */
export function knownStrings(v: Value | undefined): string[] {
  if (!v) return [];
  if (v.kind === 'string') return [v.value];
  if (v.kind === 'list') return v.items.flatMap((i) => (i.kind === 'string' ? [i.value] : []));
  return [];
}

/** True when the value is null, which for a resource argument means "not set". */
export function isNull(v: Value | undefined): boolean {
  return v === undefined || v.kind === 'null';
}
