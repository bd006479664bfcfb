import { formatNumber, numberValue, stringValue, boolValue, type Value } from '../values';
import { fail } from './evaluationError';

/**
 * Terraform's automatic conversions between primitive types, which apply to operator operands and
 * function arguments: a string holding a decimal number converts to a number, "true"/"false" to a
 * bool, and numbers and bools to strings. Unknown stays unknown; null stays null (callers that
 * cannot take null reject it themselves).
 */

const decimal = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export function toNumber(v: Value): Value {
  switch (v.kind) {
    case 'number':
    case 'unknown':
    case 'null':
      return v;
    case 'string': {
      const text = v.value.trim() === v.value ? v.value : '';
      const n = decimal.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n)) fail(`a number is required, but "${truncate(v.value)}" is not a number`);
      return numberValue(n);
    }
    default:
      return fail(`a number is required, not ${typeName(v)}`);
  }
}

export function toStringValue(v: Value): Value {
  switch (v.kind) {
    case 'string':
    case 'unknown':
    case 'null':
      return v;
    case 'number':
      return stringValue(formatNumber(v.value));
    case 'bool':
      return stringValue(v.value ? 'true' : 'false');
    default:
      return fail(`a string is required, not ${typeName(v)}`);
  }
}

export function toBool(v: Value): Value {
  switch (v.kind) {
    case 'bool':
    case 'unknown':
    case 'null':
      return v;
    case 'string':
      if (v.value === 'true' || v.value === 'false') return boolValue(v.value === 'true');
      return fail(`a bool is required, but "${truncate(v.value)}" is neither true nor false`);
    default:
      return fail(`a bool is required, not ${typeName(v)}`);
  }
}

/** The name Terraform's messages use for a value's type. */
export function typeName(v: Value): string {
  switch (v.kind) {
    case 'list':
      return 'a list';
    case 'object':
      return 'an object';
    case 'null':
      return 'null';
    case 'unknown':
      return 'an unknown value';
    default:
      return `a ${v.kind}`;
  }
}

function truncate(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}
