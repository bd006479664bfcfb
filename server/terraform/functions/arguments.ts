import type { Value } from '../values';
import { toBool, toNumber, toStringValue, typeName } from './conversions';
import { fail, UnknownResult } from './evaluationError';

/**
 * Reading function arguments with Terraform's conversions. Each throws EvaluationError with the
 * function's name and the argument's position when the argument cannot be used.
 */

export function stringArg(fn: string, args: readonly Value[], i: number): string {
  const v = toStringValue(argument(fn, args, i));
  return v.kind === 'string' ? v.value : fail(`${fn}: argument ${i + 1} must not be null`);
}

export function numberArg(fn: string, args: readonly Value[], i: number): number {
  const v = toNumber(argument(fn, args, i));
  return v.kind === 'number' ? v.value : fail(`${fn}: argument ${i + 1} must not be null`);
}

export function integerArg(fn: string, args: readonly Value[], i: number): number {
  const n = numberArg(fn, args, i);
  return Number.isInteger(n) ? n : fail(`${fn}: argument ${i + 1} must be a whole number`);
}

export function boolArg(fn: string, args: readonly Value[], i: number): boolean {
  const v = toBool(argument(fn, args, i));
  return v.kind === 'bool' ? v.value : fail(`${fn}: argument ${i + 1} must not be null`);
}

export function listArg(fn: string, args: readonly Value[], i: number): Value[] {
  const v = argument(fn, args, i);
  return v.kind === 'list' ? v.items : fail(`${fn}: argument ${i + 1} must be a list, not ${typeName(v)}`);
}

export function objectArg(fn: string, args: readonly Value[], i: number): Record<string, Value> {
  const v = argument(fn, args, i);
  return v.kind === 'object' ? v.entries : fail(`${fn}: argument ${i + 1} must be a map or object, not ${typeName(v)}`);
}

/** A list of strings (numbers and bools converted), as `join` and `sort` take. */
export function stringListArg(fn: string, args: readonly Value[], i: number): string[] {
  return listArg(fn, args, i).map((item, n) => {
    const s = toStringValue(item);
    if (s.kind === 'unknown') throw new UnknownResult();
    return s.kind === 'string' ? s.value : fail(`${fn}: element ${n} of argument ${i + 1} is ${typeName(item)}, not a string`);
  });
}

function argument(fn: string, args: readonly Value[], i: number): Value {
  const v = args[i];
  if (v === undefined) fail(`${fn}: argument ${i + 1} is missing`);
  if (v.kind === 'unknown') throw new UnknownResult();
  return v;
}
