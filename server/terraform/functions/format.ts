import { formatNumber, isKnown, listValue, stringValue, unknown, type Value } from '../values';
import { toBool, toNumber, toStringValue } from './conversions';
import { fail } from './evaluationError';
import { jsonText } from './encoding';
import { graphemes } from './text';

/**
 * Terraform's `format` and `formatlist` (cty's printf): verbs %v %#v %t %b %d %o %x %X %e %E %f %g
 * %G %s %q and %%, the flags space, +, -, # and 0, width, precision and explicit argument indexes
 * (`%[2]s`). Widths and precisions count characters (grapheme clusters), as Terraform's do.
 */
export function format(spec: string, args: readonly Value[]): string {
  let out = '';
  let next = 0;
  let used = 0;
  let i = 0;
  while (i < spec.length) {
    const percent = spec.indexOf('%', i);
    if (percent < 0) {
      out += spec.slice(i);
      break;
    }
    out += spec.slice(i, percent);
    const m = /^%([ +\-#0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d+))?(?:\[(\d+)\])?(.)?/su.exec(spec.slice(percent));
    if (!m || m[6] === undefined) fail(`invalid format string: unterminated verb at offset ${percent}`);
    const [raw, flags, index1, width, precision, index2, mode] = m;
    i = percent + raw.length;
    if (mode === '%' && raw === '%%') {
      out += '%';
      continue;
    }
    const explicit = index1 ?? index2;
    if (explicit !== undefined) next = Number(explicit) - 1;
    if (next < 0 || next >= args.length) {
      fail(`not enough arguments for "${raw}" at ${percent}: need index ${next + 1} but have ${args.length} total`);
    }
    const verb: Verb = {
      raw,
      mode,
      minus: flags.includes('-'),
      plus: flags.includes('+'),
      space: flags.includes(' '),
      sharp: flags.includes('#'),
      zero: flags.includes('0'),
      width: width === undefined ? -1 : Number(width),
      precision: precision === undefined ? -1 : Number(precision),
    };
    out += formatOne(verb, args[next]);
    next++;
    used = Math.max(used, next);
  }
  if (used < args.length) {
    fail(used === 0 ? 'too many arguments; no verbs in format string' : `too many arguments; only ${used} used by format string`);
  }
  return out;
}

/** formatlist: formats once per element of the list arguments, repeating the others. */
export function formatList(spec: string, args: readonly Value[]): Value {
  let length = -1;
  for (const [i, arg] of args.entries()) {
    if (arg.kind === 'unknown') return unknown;
    if (arg.kind !== 'list') continue;
    if (length >= 0 && arg.items.length !== length) {
      fail(`argument ${i + 1} has length ${arg.items.length}, which is inconsistent with the other list arguments of length ${length}`);
    }
    length = arg.items.length;
  }
  const out: Value[] = [];
  for (let n = 0; n < (length < 0 ? 1 : length); n++) {
    const row = args.map((arg) => (arg.kind === 'list' ? arg.items[n] : arg));
    out.push(row.every(isKnown) ? stringValue(format(spec, row)) : unknown);
  }
  return listValue(out);
}

interface Verb {
  raw: string;
  mode: string;
  minus: boolean;
  plus: boolean;
  space: boolean;
  sharp: boolean;
  zero: boolean;
  width: number;
  precision: number;
}

function formatOne(verb: Verb, arg: Value): string {
  if (verb.mode !== 'v' && arg.kind === 'null') fail(`unsupported value for "${verb.raw}": null value cannot be formatted`);
  switch (verb.mode) {
    case 'v':
      if (!verb.sharp && arg.kind === 'string') return pad(verb, arg.value);
      if (!verb.sharp && arg.kind === 'number') return pad(verb, shortestG(arg.value));
      return pad(verb, jsonText(arg));
    case 't': {
      const b = toBool(arg);
      return b.kind === 'bool' ? String(b.value) : fail(`unsupported value for "${verb.raw}": a bool is required`);
    }
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
      return formatInteger(verb, numberOf(verb, arg));
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      return formatFloat(verb, numberOf(verb, arg));
    case 's':
    case 'q': {
      const s = toStringValue(arg);
      if (s.kind !== 'string') return fail(`unsupported value for "${verb.raw}": a string is required`);
      const text = verb.precision > 0 ? graphemes(s.value).slice(0, verb.precision).join('') : s.value;
      return pad(verb, verb.mode === 'q' ? jsonText(stringValue(text)) : text);
    }
    default:
      return fail(`unsupported format verb "${verb.mode}" in "${verb.raw}"`);
  }
}

function numberOf(verb: Verb, arg: Value): number {
  const n = toNumber(arg);
  return n.kind === 'number' ? n.value : fail(`unsupported value for "${verb.raw}": a number is required`);
}

function pad(verb: Verb, text: string, zeroAllowed = true): string {
  if (verb.width < 0) return text;
  const length = graphemes(text).length;
  if (length >= verb.width) return text;
  const fill = (verb.zero && zeroAllowed && !verb.minus ? '0' : ' ').repeat(verb.width - length);
  return verb.minus ? text + fill : fill + text;
}

function sign(verb: Verb, negative: boolean): string {
  return negative ? '-' : verb.plus ? '+' : verb.space ? ' ' : '';
}

/** Pads a signed number: zero padding goes between the sign and the digits, as in Go. */
function padNumber(verb: Verb, signText: string, digits: string): string {
  if (verb.zero && !verb.minus && verb.width > signText.length + digits.length) {
    return signText + '0'.repeat(verb.width - signText.length - digits.length) + digits;
  }
  return pad({ ...verb, zero: false }, signText + digits);
}

function formatInteger(verb: Verb, n: number): string {
  if (!Number.isInteger(n)) fail(`unsupported value for "${verb.raw}": an integer is required`);
  const big = BigInt(n);
  const magnitude = big < 0n ? -big : big;
  const radix = { b: 2, d: 10, o: 8, x: 16, X: 16 }[verb.mode as 'b' | 'd' | 'o' | 'x' | 'X'];
  let digits = magnitude.toString(radix);
  if (verb.mode === 'X') digits = digits.toUpperCase();
  if (verb.precision >= 0 && digits.length < verb.precision) digits = '0'.repeat(verb.precision - digits.length) + digits;
  let prefix = '';
  if (verb.sharp) prefix = { b: '0b', d: '', o: '0', x: '0x', X: '0X' }[verb.mode as 'b' | 'd' | 'o' | 'x' | 'X'];
  if (verb.precision >= 0) return pad({ ...verb, zero: false }, sign(verb, big < 0n) + prefix + digits);
  return padNumber(verb, sign(verb, big < 0n) + prefix, digits);
}

function formatFloat(verb: Verb, n: number): string {
  const negative = n < 0 || Object.is(n, -0);
  const a = Math.abs(n);
  let digits: string;
  switch (verb.mode) {
    case 'e':
    case 'E':
      digits = goExponent(a.toExponential(verb.precision < 0 ? 6 : Math.min(verb.precision, 100)));
      break;
    case 'f':
      digits = a.toFixed(verb.precision < 0 ? 6 : Math.min(verb.precision, 100));
      break;
    default:
      digits = verb.precision < 0 ? shortestG(a) : precisionG(a, Math.max(1, Math.min(verb.precision, 100)));
  }
  if (verb.mode === 'E' || verb.mode === 'G') digits = digits.toUpperCase();
  return padNumber(verb, sign(verb, negative), digits);
}

/** Go writes at least two exponent digits: 1e+03, where JavaScript writes 1e+3. */
function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * Go's %g with the shortest representation, which is what %v uses for numbers: an exponent when the
 * decimal exponent is below -4 or at least 6, so `format("%v", 1000000)` is "1e+06" in Terraform.
 */
function shortestG(n: number): string {
  if (n === 0) return '0';
  const exponent = Number(n.toExponential().split('e')[1]);
  if (exponent < -4 || exponent >= 6) return goExponent(n.toExponential());
  return formatNumber(n);
}

/** Go's %.Ng: N significant digits, an exponent when it is below -4 or at least N, no trailing zeros. */
function precisionG(n: number, precision: number): string {
  if (n === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(n.toPrecision(precision)))));
  const text =
    exponent < -4 || exponent >= precision
      ? goExponent(n.toExponential(precision - 1)).replace(/\.?0+e/, 'e')
      : n.toFixed(Math.max(0, precision - 1 - exponent)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return text;
}
