import {
  boolValue,
  compareStrings,
  isKnown,
  listValue,
  nullValue,
  numberValue,
  objectValue,
  sortedKeys,
  stringValue,
  unknown,
  valuesEqual,
  type Value,
} from '../values';
import { integerArg, listArg, numberArg, objectArg, stringArg, stringListArg } from './arguments';
import { toNumber, toStringValue, typeName } from './conversions';
import { fail, UnknownResult, type FunctionContext } from './evaluationError';
import type { FunctionSpec } from './functionSpec';
import { graphemes } from './text';

/** Terraform's collection, conversion and number functions. */
export const collectionFunctions: Record<string, FunctionSpec> = {
  length: {
    min: 1,
    max: 1,
    partial: true,
    impl: (args) => {
      const v = args[0];
      if (v.kind === 'list') return numberValue(v.items.length);
      if (v.kind === 'object') return numberValue(Object.keys(v.entries).length);
      if (v.kind === 'string' || v.kind === 'number' || v.kind === 'bool') return numberValue(graphemes(stringArg('length', args, 0)).length);
      return fail(`length: cannot take the length of ${typeName(v)}`);
    },
  },
  concat: {
    min: 1,
    max: Infinity,
    partial: true,
    impl: (args, ctx) => {
      const items = args.flatMap((_, i) => listArg('concat', args, i));
      ctx.spend(items.length);
      return listValue(items);
    },
  },
  merge: {
    min: 0,
    max: Infinity,
    partial: true,
    impl: (args, ctx) => {
      const entries = new Map<string, Value>();
      args.forEach((arg, i) => {
        if (arg.kind === 'null') return;
        const obj = objectArg('merge', args, i);
        for (const k of Object.keys(obj)) entries.set(k, obj[k]);
        ctx.spend(Object.keys(obj).length);
      });
      return objectValue(entries);
    },
  },
  lookup: {
    min: 2,
    max: 3,
    partial: true,
    impl: (args) => {
      const obj = objectArg('lookup', args, 0);
      const key = stringArg('lookup', args, 1);
      if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
      if (args.length === 3) return args[2];
      return fail(`lookup: the map has no element for the key "${key}"`);
    },
  },
  element: {
    min: 2,
    max: 2,
    partial: true,
    impl: (args) => {
      const items = listArg('element', args, 0);
      const index = integerArg('element', args, 1);
      if (items.length === 0) fail('element: cannot use element function with an empty list');
      if (index < 0) fail('element: cannot use element function with a negative index');
      return items[index % items.length];
    },
  },
  index: {
    min: 2,
    max: 2,
    impl: (args) => {
      const at = listArg('index', args, 0).findIndex((item) => valuesEqual(item, args[1]));
      return at >= 0 ? numberValue(at) : fail('index: the item was not found in the list');
    },
  },
  contains: {
    min: 2,
    max: 2,
    partial: true,
    impl: (args) => {
      const items = listArg('contains', args, 0);
      if (!isKnown(args[1])) return unknown;
      if (items.some((item) => isKnown(item) && valuesEqual(item, args[1]))) return boolValue(true);
      return items.every(isKnown) ? boolValue(false) : unknown;
    },
  },
  keys: {
    min: 1,
    max: 1,
    partial: true,
    impl: (args) => listValue(sortedKeys(objectArg('keys', args, 0)).map(stringValue)),
  },
  values: {
    min: 1,
    max: 1,
    partial: true,
    impl: (args) => {
      const obj = objectArg('values', args, 0);
      return listValue(sortedKeys(obj).map((k) => obj[k]));
    },
  },
  zipmap: {
    min: 2,
    max: 2,
    partial: true,
    impl: (args) => {
      if (!isKnown(args[0])) return unknown;
      const keys = stringListArg('zipmap', args, 0);
      const values = listArg('zipmap', args, 1);
      if (keys.length !== values.length) fail(`zipmap: ${keys.length} keys but ${values.length} values`);
      const entries = new Map<string, Value>();
      keys.forEach((k, i) => entries.set(k, values[i]));
      return objectValue(entries);
    },
  },
  flatten: {
    min: 1,
    max: 1,
    partial: true,
    impl: (args, ctx) => listValue(flatten(listArg('flatten', args, 0), ctx, 0)),
  },
  distinct: {
    min: 1,
    max: 1,
    impl: (args, ctx) => {
      const items = listArg('distinct', args, 0);
      ctx.spend((items.length * items.length) / 64);
      return listValue(items.filter((item, i) => items.findIndex((other) => valuesEqual(other, item)) === i));
    },
  },
  compact: {
    min: 1,
    max: 1,
    impl: (args) => {
      const items = listArg('compact', args, 0).filter((item) => item.kind !== 'null');
      return listValue(stringListArg('compact', [listValue(items)], 0).filter((s) => s !== '').map(stringValue));
    },
  },
  coalesce: {
    min: 1,
    max: Infinity,
    partial: true,
    unknownArguments: true,
    impl: (args) => {
      const anyString = args.some((a) => a.kind === 'string');
      for (const arg of args) {
        if (arg.kind === 'unknown') return unknown;
        if (arg.kind === 'null' || (arg.kind === 'string' && arg.value === '')) continue;
        // Terraform gives all arguments one type: next to a string, numbers and bools become strings.
        return anyString && (arg.kind === 'number' || arg.kind === 'bool') ? toStringValue(arg) : arg;
      }
      return fail('coalesce: no non-null, non-empty-string arguments');
    },
  },
  coalescelist: {
    min: 1,
    max: Infinity,
    partial: true,
    impl: (args) => {
      for (let i = 0; i < args.length; i++) {
        if (args[i].kind === 'null') continue;
        if (listArg('coalescelist', args, i).length > 0) return args[i];
      }
      return fail('coalescelist: no non-null, non-empty list arguments');
    },
  },
  one: {
    min: 1,
    max: 1,
    partial: true,
    impl: (args) => {
      if (args[0].kind === 'null') return nullValue;
      const items = listArg('one', args, 0);
      if (items.length > 1) fail(`one: the list has ${items.length} elements; it must have no more than one`);
      return items[0] ?? nullValue;
    },
  },
  slice: {
    min: 3,
    max: 3,
    partial: true,
    impl: (args) => {
      const items = listArg('slice', args, 0);
      const start = integerArg('slice', args, 1);
      const end = integerArg('slice', args, 2);
      if (start < 0 || end > items.length || start > end) fail(`slice: the range ${start} to ${end} does not fit a list of ${items.length} elements`);
      return listValue(items.slice(start, end));
    },
  },
  reverse: { min: 1, max: 1, partial: true, impl: (args) => listValue(listArg('reverse', args, 0).slice().reverse()) },
  range: {
    min: 1,
    max: 3,
    impl: (args) => {
      const nums = args.map((_, i) => numberArg('range', args, i));
      const [start, limit] = nums.length === 1 ? [0, nums[0]] : [nums[0], nums[1]];
      const step = nums.length === 3 ? nums[2] : limit < start ? -1 : 1;
      if (step === 0) fail('range: step must not be zero');
      if (step < 0 && limit > start) fail('range: step must be positive when start is less than limit');
      if (step > 0 && limit < start) fail('range: step must be negative when start is greater than limit');
      const out: Value[] = [];
      for (let v = start; step > 0 ? v < limit : v > limit; v += step) {
        if (out.length >= 1024) fail('range: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
        out.push(numberValue(v));
      }
      return listValue(out);
    },
  },
  tolist: { min: 1, max: 1, partial: true, impl: (args) => (args[0].kind === 'null' ? nullValue : listValue(listArg('tolist', args, 0))) },
  toset: {
    min: 1,
    max: 1,
    impl: (args) => {
      if (args[0].kind === 'null') return nullValue;
      const items = listArg('toset', args, 0);
      const unique = items.filter((item, i) => items.findIndex((other) => valuesEqual(other, item)) === i);
      return listValue(setOrder(unique));
    },
  },
  tomap: {
    min: 1,
    max: 1,
    partial: true,
    impl: (args) => {
      if (args[0].kind === 'null') return nullValue;
      const obj = objectArg('tomap', args, 0);
      const values = Object.values(obj);
      // A map has one element type: next to a string, numbers and bools become strings.
      const anyString = values.some((v) => v.kind === 'string');
      const entries = new Map<string, Value>();
      for (const k of Object.keys(obj)) entries.set(k, anyString && (obj[k].kind === 'number' || obj[k].kind === 'bool') ? toStringValue(obj[k]) : obj[k]);
      return objectValue(entries);
    },
  },
  tonumber: {
    min: 1,
    max: 1,
    impl: (args) => {
      if (args[0].kind === 'list' || args[0].kind === 'object') fail(`tonumber: cannot convert ${typeName(args[0])} to a number`);
      return toNumber(args[0]);
    },
  },
  tobool: {
    min: 1,
    max: 1,
    impl: (args) => {
      const v = args[0];
      if (v.kind === 'bool' || v.kind === 'null') return v;
      if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return boolValue(v.value === 'true');
      return fail(`tobool: cannot convert ${typeName(v)} to a bool`);
    },
  },
  sum: {
    min: 1,
    max: 1,
    impl: (args) => {
      const items = listArg('sum', args, 0);
      if (items.length === 0) fail('sum: cannot sum an empty list');
      return numberValue(items.reduce((total, _, i) => total + numberArg('sum', items, i), 0));
    },
  },
  alltrue: { min: 1, max: 1, impl: (args) => boolValue(listArg('alltrue', args, 0).every((v) => v.kind === 'bool' ? v.value : v.kind === 'string' && v.value === 'true')) },
  anytrue: { min: 1, max: 1, impl: (args) => boolValue(listArg('anytrue', args, 0).some((v) => v.kind === 'bool' ? v.value : v.kind === 'string' && v.value === 'true')) },
  max: { min: 1, max: Infinity, impl: (args) => numberValue(Math.max(...args.map((_, i) => numberArg('max', args, i)))) },
  min: { min: 1, max: Infinity, impl: (args) => numberValue(Math.min(...args.map((_, i) => numberArg('min', args, i)))) },
  abs: { min: 1, max: 1, impl: (args) => numberValue(Math.abs(numberArg('abs', args, 0))) },
  ceil: { min: 1, max: 1, impl: (args) => numberValue(Math.ceil(numberArg('ceil', args, 0))) },
  floor: { min: 1, max: 1, impl: (args) => numberValue(Math.floor(numberArg('floor', args, 0))) },
  signum: { min: 1, max: 1, impl: (args) => numberValue(Math.sign(numberArg('signum', args, 0)) || 0) },
  pow: {
    min: 2,
    max: 2,
    impl: (args) => {
      const result = Math.pow(numberArg('pow', args, 0), numberArg('pow', args, 1));
      return Number.isFinite(result) ? numberValue(result) : fail('pow: the result is too large to represent');
    },
  },
  parseint: {
    min: 2,
    max: 2,
    impl: (args) => {
      const text = stringArg('parseint', args, 0);
      const base = integerArg('parseint', args, 1);
      if (base < 2 || base > 62) fail('parseint: the base must be a whole number between 2 and 62');
      const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(0, base);
      const m = /^([+-]?)(.+)$/.exec(text);
      const body = m?.[2] ?? '';
      // Bases up to 36 are case-insensitive in Go's big.Int parser.
      const normalized = base <= 36 ? body.toLowerCase() : body;
      if (body === '' || [...normalized].some((c) => !digits.includes(c))) fail(`parseint: cannot parse "${text}" as a base ${base} integer`);
      let value = 0n;
      for (const c of normalized) value = value * BigInt(base) + BigInt(digits.indexOf(c));
      return numberValue(Number(m?.[1] === '-' ? -value : value));
    },
  },
};

function flatten(items: readonly Value[], ctx: FunctionContext, depth: number): Value[] {
  if (depth > 100) fail('flatten: the list is nested too deeply');
  const out: Value[] = [];
  for (const item of items) {
    ctx.spend(1);
    // An unknown element might be a list: the shape of the result cannot be known.
    if (item.kind === 'unknown') throw new UnknownResult();
    if (item.kind === 'list') out.push(...flatten(item.items, ctx, depth + 1));
    else out.push(item);
  }
  return out;
}

/** The order Terraform iterates a set in: strings lexically, numbers numerically, false before true. */
function setOrder(items: Value[]): Value[] {
  const kinds = new Set(items.map((v) => v.kind));
  if (kinds.size !== 1) return items;
  const [kind] = kinds;
  if (kind === 'string') return items.slice().sort((a, b) => compareStrings((a as { value: string }).value, (b as { value: string }).value));
  if (kind === 'number') return items.slice().sort((a, b) => (a as { value: number }).value - (b as { value: number }).value);
  if (kind === 'bool') return items.slice().sort((a, b) => Number((a as { value: boolean }).value) - Number((b as { value: boolean }).value));
  return items;
}
