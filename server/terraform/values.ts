/**
 * The values Cartograph's static evaluator works with. They mirror Terraform's (cty's) value kinds
 * closely enough for hovers and rules, with one addition that matters most: `unknown`, the value of
 * anything that cannot be known before apply or without reading the cloud. Unknown is never guessed
 * away: every operation on an unknown part yields unknown.
 */

/** A statically known value, or Unknown: what cannot be known is never guessed. */
export type Value =
  | { kind: 'unknown' }
  | { kind: 'null' }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  /** Tuples, lists and sets. */
  | { kind: 'list'; items: Value[] }
  /** Objects and maps. */
  | { kind: 'object'; entries: Record<string, Value> };

/** The one unknown value. */
export const unknown: Value = Object.freeze({ kind: 'unknown' }) as Value;

/** The null value. */
export const nullValue: Value = Object.freeze({ kind: 'null' }) as Value;

export function stringValue(value: string): Value {
  return { kind: 'string', value };
}

export function numberValue(value: number): Value {
  return { kind: 'number', value };
}

export function boolValue(value: boolean): Value {
  return { kind: 'bool', value };
}

export function listValue(items: Value[]): Value {
  return { kind: 'list', items };
}

/** Builds an object whose entries are stored in Terraform's iteration order (keys sorted). */
export function objectValue(entries: Record<string, Value> | Map<string, Value>): Value {
  const pairs = entries instanceof Map ? [...entries] : Object.entries(entries);
  const sorted: Record<string, Value> = Object.create(null) as Record<string, Value>;
  for (const [k, v] of pairs.sort(([a], [b]) => compareStrings(a, b))) sorted[k] = v;
  return { kind: 'object', entries: sorted };
}

/**
 * Terraform orders map and object keys lexically. JavaScript objects put integer-like keys first
 * whatever their insertion order, so every iteration over entries goes through this function.
 */
export function sortedKeys(entries: Record<string, Value>): string[] {
  return Object.keys(entries).sort(compareStrings);
}

/** Compares strings by code point, the order Go's sort.Strings gives for valid UTF-8. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done) return cb.done ? 0 : -1;
    if (cb.done) return 1;
    const da = ca.value.codePointAt(0) ?? 0;
    const db = cb.value.codePointAt(0) ?? 0;
    if (da !== db) return da < db ? -1 : 1;
  }
}

/** Deep: false if any part is unknown. */
export function isKnown(v: Value): boolean {
  return knownAt(v, 0);
}

function knownAt(v: Value, depth: number): boolean {
  if (depth > maxDepth) return false;
  switch (v.kind) {
    case 'unknown':
      return false;
    case 'list':
      return v.items.every((item) => knownAt(item, depth + 1));
    case 'object':
      return Object.values(v.entries).every((item) => knownAt(item, depth + 1));
    default:
      return true;
  }
}

/** Values nested deeper than this are treated as unknown, so that no walk can overflow the stack. */
const maxDepth = 200;

/** JSON → Value (for tfvars and terraform.tfstate). Anything JSON cannot hold becomes unknown. */
export function fromJson(json: unknown): Value {
  return fromJsonAt(json, 0);
}

function fromJsonAt(json: unknown, depth: number): Value {
  if (depth > maxDepth) return unknown;
  if (json === null) return nullValue;
  switch (typeof json) {
    case 'string':
      return stringValue(json);
    case 'number':
      return Number.isFinite(json) ? numberValue(json) : unknown;
    case 'boolean':
      return boolValue(json);
    case 'object': {
      if (Array.isArray(json)) return listValue(json.map((item: unknown) => fromJsonAt(item, depth + 1)));
      const entries = new Map<string, Value>();
      for (const [k, v] of Object.entries(json as Record<string, unknown>)) entries.set(k, fromJsonAt(v, depth + 1));
      return objectValue(entries);
    }
    default:
      return unknown;
  }
}

/**
 * Value → JSON. Unknown parts become `undefined`: at the top level the result is `undefined`, inside
 * an object the key is left out by JSON.stringify, and inside an array JSON.stringify writes `null`.
 * Callers that must tell unknown apart check `isKnown` first.
 */
export function toJson(v: Value): unknown {
  return toJsonAt(v, 0);
}

function toJsonAt(v: Value, depth: number): unknown {
  if (depth > maxDepth) return undefined;
  switch (v.kind) {
    case 'unknown':
      return undefined;
    case 'null':
      return null;
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'list':
      return v.items.map((item) => toJsonAt(item, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of sortedKeys(v.entries)) out[k] = toJsonAt(v.entries[k], depth + 1);
      return out;
    }
  }
}

/** Attribute/index access; unknown propagates; a missing attribute or element is unknown. */
export function getPath(v: Value, path: readonly (string | number)[]): Value {
  let current = v;
  for (const key of path) {
    current = getStep(current, key) ?? unknown;
    if (current.kind === 'unknown') return unknown;
  }
  return current;
}

/**
 * One step of a path, with Terraform's key conversions: a list takes a whole number or a string
 * holding one, an object takes a string or a number written as one. Returns undefined when the
 * step does not exist.
 */
export function getStep(v: Value, key: string | number): Value | undefined {
  if (v.kind === 'list') {
    const index = typeof key === 'number' ? key : /^-?\d+$/.test(key) ? Number(key) : NaN;
    if (!Number.isInteger(index) || index < 0 || index >= v.items.length) return undefined;
    return v.items[index];
  }
  if (v.kind === 'object') {
    const name = typeof key === 'number' ? formatNumber(key) : key;
    return Object.prototype.hasOwnProperty.call(v.entries, name) ? v.entries[name] : undefined;
  }
  if (v.kind === 'unknown') return unknown;
  return undefined;
}

/**
 * Renders a number the way Terraform prints it: whole numbers in full (no exponent), fractions with
 * the few digits a decimal literal had. Terraform computes with 512-bit floats, so `0.1 + 0.2` is
 * 0.3 there; rounding to 15 significant digits gives the same text for ordinary arithmetic.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Object.is(n, -0)) return '0';
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  const rounded = Number(n.toPrecision(15));
  const text = String(rounded);
  if (!text.includes('e')) return text;
  // Spell out small and large magnitudes without an exponent, as Go's big.Float 'f' format does.
  const [mantissa, exponentText] = text.split('e');
  const negative = mantissa.startsWith('-');
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const dot = unsigned.indexOf('.');
  const digits = unsigned.replace('.', '');
  const pointAt = (dot === -1 ? unsigned.length : dot) + Number(exponentText);
  let out: string;
  if (pointAt <= 0) out = '0.' + '0'.repeat(-pointAt) + digits;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = digits.slice(0, pointAt) + '.' + digits.slice(pointAt);
  return (negative ? '-' : '') + out;
}

/** Deep equality with Terraform's `==` rules: same kind and same content; numbers by value. */
export function valuesEqual(a: Value, b: Value): boolean {
  return equalAt(a, b, 0);
}

function equalAt(a: Value, b: Value, depth: number): boolean {
  if (depth > maxDepth) return false;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'unknown':
      return false;
    case 'null':
      return true;
    case 'string':
    case 'number':
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'list': {
      const other = b as typeof a;
      return a.items.length === other.items.length && a.items.every((item, i) => equalAt(item, other.items[i], depth + 1));
    }
    case 'object': {
      const other = b as typeof a;
      const keys = Object.keys(a.entries);
      if (keys.length !== Object.keys(other.entries).length) return false;
      return keys.every((k) => Object.prototype.hasOwnProperty.call(other.entries, k) && equalAt(a.entries[k], other.entries[k], depth + 1));
    }
  }
}

const displayLimit = 200;

/**
 * HCL-like short rendering for hovers: "10.20.0.0/16", ["a", "b"], { Name = "x" }, and
 * (known after apply) for unknown. Truncated with an ellipsis past 200 characters.
 */
export function display(v: Value): string {
  const out: string[] = [];
  let length = 0;
  const push = (s: string): boolean => {
    out.push(s);
    length += s.length;
    return length <= displayLimit;
  };
  const walk = (value: Value, depth: number): boolean => {
    if (depth > maxDepth) return push('…');
    switch (value.kind) {
      case 'unknown':
        return push('(known after apply)');
      case 'null':
        return push('null');
      case 'string':
        return push(JSON.stringify(value.value));
      case 'number':
        return push(formatNumber(value.value));
      case 'bool':
        return push(String(value.value));
      case 'list': {
        if (!push('[')) return false;
        for (let i = 0; i < value.items.length; i++) {
          if (i > 0 && !push(', ')) return false;
          if (!walk(value.items[i], depth + 1)) return false;
        }
        return push(']');
      }
      case 'object': {
        const keys = sortedKeys(value.entries);
        if (keys.length === 0) return push('{}');
        if (!push('{ ')) return false;
        for (let i = 0; i < keys.length; i++) {
          if (i > 0 && !push(', ')) return false;
          const key = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(keys[i]) ? keys[i] : JSON.stringify(keys[i]);
          if (!push(`${key} = `)) return false;
          if (!walk(value.entries[keys[i]], depth + 1)) return false;
        }
        return push(' }');
      }
    }
  };
  walk(v, 0);
  const text = out.join('');
  return text.length > displayLimit ? text.slice(0, displayLimit) + '…' : text;
}
