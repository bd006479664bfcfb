import { compareStrings, listValue, nullValue, objectValue, stringValue, type Value } from '../values';
import { integerArg, listArg, stringArg, stringListArg } from './arguments';
import { toStringValue, typeName } from './conversions';
import { fail } from './evaluationError';
import { format, formatList } from './format';
import type { FunctionSpec } from './functionSpec';
import { firstMatch, Re2, replaceAll } from './re2';
import { graphemes } from './text';

/** Terraform's string functions, with Go's string semantics where they differ from JavaScript's. */
export const stringFunctions: Record<string, FunctionSpec> = {
  format: { min: 1, max: Infinity, impl: (args) => stringValue(format(stringArg('format', args, 0), args.slice(1))) },
  formatlist: { min: 1, max: Infinity, partial: true, impl: (args) => formatList(stringArg('formatlist', args, 0), args.slice(1)) },
  join: {
    min: 2,
    max: Infinity,
    impl: (args, ctx) => {
      const sep = stringArg('join', args, 0);
      const items = args.slice(1).flatMap((_, i) => stringListArg('join', args, i + 1));
      ctx.spend(items.length);
      return stringValue(items.join(sep));
    },
  },
  split: {
    min: 2,
    max: 2,
    impl: (args, ctx) => {
      const sep = stringArg('split', args, 0);
      const text = stringArg('split', args, 1);
      // Go splits around each UTF-8 sequence when the separator is empty.
      const parts = sep === '' ? Array.from(text) : text.split(sep);
      ctx.spend(parts.length);
      return listValue(parts.map(stringValue));
    },
  },
  lower: { min: 1, max: 1, impl: (args) => stringValue(mapCase(stringArg('lower', args, 0), (c) => c.toLowerCase())) },
  upper: { min: 1, max: 1, impl: (args) => stringValue(mapCase(stringArg('upper', args, 0), (c) => c.toUpperCase())) },
  title: { min: 1, max: 1, impl: (args) => stringValue(title(stringArg('title', args, 0))) },
  trimspace: { min: 1, max: 1, impl: (args) => stringValue(stringArg('trimspace', args, 0).replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '')) },
  trim: {
    min: 2,
    max: 2,
    impl: (args) => {
      const cut = new Set(Array.from(stringArg('trim', args, 1)));
      const chars = Array.from(stringArg('trim', args, 0));
      let start = 0;
      let end = chars.length;
      while (start < end && cut.has(chars[start])) start++;
      while (end > start && cut.has(chars[end - 1])) end--;
      return stringValue(chars.slice(start, end).join(''));
    },
  },
  trimprefix: {
    min: 2,
    max: 2,
    impl: (args) => {
      const [s, p] = [stringArg('trimprefix', args, 0), stringArg('trimprefix', args, 1)];
      return stringValue(s.startsWith(p) ? s.slice(p.length) : s);
    },
  },
  trimsuffix: {
    min: 2,
    max: 2,
    impl: (args) => {
      const [s, p] = [stringArg('trimsuffix', args, 0), stringArg('trimsuffix', args, 1)];
      return stringValue(p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s);
    },
  },
  chomp: { min: 1, max: 1, impl: (args) => stringValue(stringArg('chomp', args, 0).replace(/(?:\r\n?|\n)+$/, '')) },
  indent: {
    min: 2,
    max: 2,
    impl: (args, ctx) => {
      const spaces = integerArg('indent', args, 0);
      const text = stringArg('indent', args, 1);
      if (spaces < 0 || spaces > 10_000) fail('indent: the number of spaces must be between 0 and 10000');
      ctx.spend((text.length + spaces * text.split('\n').length) / 64);
      return stringValue(text.replace(/\n/g, '\n' + ' '.repeat(spaces)));
    },
  },
  replace: {
    min: 3,
    max: 3,
    impl: (args, ctx) => {
      const text = stringArg('replace', args, 0);
      const search = stringArg('replace', args, 1);
      const replacement = stringArg('replace', args, 2);
      if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
        return stringValue(replaceAll(Re2.compile(search.slice(1, -1)), text, replacement, ctx));
      }
      ctx.spend(text.length / 64);
      if (search === '') {
        const chars = Array.from(text);
        return stringValue(chars.length === 0 ? replacement : replacement + chars.join(replacement) + replacement);
      }
      return stringValue(text.split(search).join(replacement));
    },
  },
  regex: {
    min: 2,
    max: 2,
    impl: (args, ctx) => {
      const re = Re2.compile(stringArg('regex', args, 0));
      const m = firstMatch(re, stringArg('regex', args, 1), ctx);
      if (!m) fail('regex: the pattern did not match any part of the given string');
      return regexResult(re, m);
    },
  },
  regexall: {
    min: 2,
    max: 2,
    impl: (args, ctx) => {
      const re = Re2.compile(stringArg('regexall', args, 0));
      const text = stringArg('regexall', args, 1);
      const input = Array.from(text, (c) => c.codePointAt(0) ?? 0);
      const results: Value[] = [];
      let pos = 0;
      let lastEnd = -1;
      while (pos <= input.length) {
        const m = re.exec(input, pos, ctx);
        if (!m) break;
        if (!(m[0] === m[1] && m[0] === lastEnd)) {
          const groups = [];
          for (let i = 0; i <= re.groupCount; i++) groups.push(m[i * 2] < 0 ? undefined : String.fromCodePoint(...input.slice(m[i * 2], m[i * 2 + 1])));
          results.push(regexResult(re, groups));
        }
        lastEnd = m[1];
        pos = m[1] > pos ? m[1] : pos + 1;
      }
      return listValue(results);
    },
  },
  substr: {
    min: 3,
    max: 3,
    impl: (args) => {
      const chars = graphemes(stringArg('substr', args, 0));
      let offset = integerArg('substr', args, 1);
      const length = integerArg('substr', args, 2);
      if (offset < 0) offset = Math.max(0, offset + chars.length);
      if (length === 0 || offset >= chars.length) return stringValue('');
      return stringValue(chars.slice(offset, length < 0 ? undefined : offset + length).join(''));
    },
  },
  startswith: { min: 2, max: 2, impl: (args) => boolOf(stringArg('startswith', args, 0).startsWith(stringArg('startswith', args, 1))) },
  endswith: { min: 2, max: 2, impl: (args) => boolOf(stringArg('endswith', args, 0).endsWith(stringArg('endswith', args, 1))) },
  strcontains: { min: 2, max: 2, impl: (args) => boolOf(stringArg('strcontains', args, 0).includes(stringArg('strcontains', args, 1))) },
  strrev: { min: 1, max: 1, impl: (args) => stringValue(graphemes(stringArg('strrev', args, 0)).reverse().join('')) },
  sort: {
    min: 1,
    max: 1,
    impl: (args, ctx) => {
      const items = listArg('sort', args, 0);
      if (items.some((v) => v.kind === 'null')) fail('sort: a null string cannot be sorted');
      const strings = stringListArg('sort', args, 0);
      ctx.spend(strings.length * Math.log2(strings.length + 2));
      return listValue(strings.sort(compareStrings).map(stringValue));
    },
  },
  tostring: {
    min: 1,
    max: 1,
    impl: (args) => {
      const v = args[0];
      if (v.kind === 'list' || v.kind === 'object') fail(`tostring: cannot convert ${typeName(v)} to a string`);
      return toStringValue(v);
    },
  },
};

function boolOf(value: boolean): Value {
  return { kind: 'bool', value };
}

/** Go maps case one character at a time: a character whose mapping is longer (ß → SS) stays. */
function mapCase(text: string, map: (c: string) => string): string {
  let out = '';
  for (const c of text) {
    const mapped = map(c);
    out += Array.from(mapped).length === 1 ? mapped : c;
  }
  return out;
}

/** Go's strings.Title: the first letter of each word upper-cased; words are split by non-letters. */
function title(text: string): string {
  let out = '';
  let previous = ' ';
  for (const c of text) {
    out += isSeparator(previous) ? mapCase(c, (x) => x.toUpperCase()) : c;
    previous = c;
  }
  return out;
}

function isSeparator(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  if (cp <= 0x7f) return !/[A-Za-z0-9_]/.test(c);
  if (/[\p{L}\p{Nd}]/u.test(c)) return false;
  return /\s/u.test(c);
}

/** Terraform's regex result: the match with no groups, a list of numbered groups, or an object of named ones. */
function regexResult(re: Re2, groups: (string | undefined)[]): Value {
  const toValue = (s: string | undefined): Value => (s === undefined ? nullValue : stringValue(s));
  if (re.groupCount === 0) return toValue(groups[0]);
  if (re.groupNames.size > 0) {
    if (re.groupNames.size !== re.groupCount) fail('regex: a pattern cannot mix named and unnamed capture groups');
    const entries = new Map<string, Value>();
    for (const [name, index] of re.groupNames) entries.set(name, toValue(groups[index]));
    return objectValue(entries);
  }
  return listValue(groups.slice(1).map(toValue));
}
