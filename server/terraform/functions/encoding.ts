import { createHash } from 'node:crypto';
import { formatNumber, fromJson, sortedKeys, type Value } from '../values';
import { fail } from './evaluationError';

/**
 * JSON text exactly as Terraform's jsonencode writes it: compact, object keys sorted, numbers in
 * full without an exponent, and Go's escapes (`<`, `>`, `&`, U+2028 and U+2029 as \u sequences).
 * The value must be wholly known.
 */
export function jsonText(v: Value, depth = 0): string {
  if (depth > 200) fail('the value is nested too deeply to encode as JSON');
  switch (v.kind) {
    case 'unknown':
      return fail('an unknown value cannot be encoded as JSON');
    case 'null':
      return 'null';
    case 'bool':
      return String(v.value);
    case 'number':
      return formatNumber(v.value);
    case 'string':
      return jsonString(v.value);
    case 'list':
      return '[' + v.items.map((item) => jsonText(item, depth + 1)).join(',') + ']';
    case 'object':
      return '{' + sortedKeys(v.entries).map((k) => jsonString(k) + ':' + jsonText(v.entries[k], depth + 1)).join(',') + '}';
  }
}

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029) {
      out += '\\u' + code.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

export function jsonDecode(text: string): Value {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(`jsondecode: the string is not valid JSON (${(e as Error).message})`);
  }
  return fromJson(parsed);
}

export function base64Encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function base64Decode(text: string): string {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) fail('base64decode: the string is not valid Base64');
  try {
    return utf8.decode(Buffer.from(text, 'base64'));
  } catch {
    return fail('base64decode: the result of decoding the provided string is not valid UTF-8');
  }
}

export function hashHex(algorithm: 'md5' | 'sha1' | 'sha256' | 'sha512', text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

export function hashBase64(algorithm: 'sha256' | 'sha512', text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('base64');
}

/** Go's url.QueryEscape: spaces become "+", everything but letters, digits and -_.~ is %-escaped. */
export function urlEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
