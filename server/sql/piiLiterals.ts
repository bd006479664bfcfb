/**
 * Personal data written into query text: e-mail addresses, US social security numbers, payment card
 * numbers (that pass the Luhn check) and phone numbers. A query that names a customer's e-mail puts
 * it in logs, history and code review; the diagnostic asks for a parameter or an ID instead.
 */
import type { Finding } from '../protocol/findings';
import { TextPositions } from './textPositions';

/** What kind of personal data a literal is. */
export type PiiKind = 'email' | 'ssn' | 'card' | 'phone';

/** One piece of personal data found in a text, by UTF-16 offsets. */
export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
}

// One pass over the text: each alternative is a named group, tried left to right at each position.
// The e-mail's local part must start where a run of its characters starts: without that lookbehind
// every position inside a long run of letters rescans the run for an `@`, which is quadratic.
// Addresses may be internationalised (`zoë@café.example`): any character past ASCII counts as a
// letter, which keeps the pattern free of the slower Unicode mode.
// Phone numbers: North American (`(415) 555-0100`, `415-555-0100`), and international ones written
// with a `+` and their country code, grouped as each country groups them (`+44 20 7946 0000`,
// `+33 1 40 00 00 00`, `+4915112345678`); those must have 8 to 15 digits (E.164).
const letter = String.raw`A-Za-z0-9\u0080-\uFFFF`;
const pattern = new RegExp(
  [
    String.raw`(?<email>(?<![${letter}._%+-])[${letter}._%+-]+@[${letter}-]+(?:\.[${letter}-]+)*\.(?:[A-Za-z]|[\u0080-\uFFFF]){2,})`,
    String.raw`(?<ssn>(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-]))`,
    String.raw`(?<card>(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-]))`,
    String.raw`(?<phone>(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\d))`,
    String.raw`(?<intl>(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){1,6}(?![\d]))`,
  ].join('|'),
  'g',
);

/** Digits in an international number, for the E.164 bounds. */
function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Finds personal data in a text. */
export function findPii(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const groups = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    if (groups.email !== undefined) matches.push({ kind: 'email', start, end });
    else if (groups.ssn !== undefined) matches.push({ kind: 'ssn', start, end });
    else if (groups.card !== undefined) {
      if (luhn(m[0])) matches.push({ kind: 'card', start, end });
    } else if (groups.phone !== undefined) matches.push({ kind: 'phone', start, end });
    else if (groups.intl !== undefined) {
      const digits = digitCount(m[0]);
      if (digits >= 8 && digits <= 15) matches.push({ kind: 'phone', start, end });
    }
  }
  return matches;
}

/** The Luhn checksum of a card number (spaces and dashes ignored). */
export function luhn(number: string): boolean {
  const digits = number.replace(/[ -]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const describe: Record<PiiKind, string> = {
  email: 'an e-mail address',
  ssn: 'a social security number',
  card: 'a payment card number',
  phone: 'a phone number',
};

/** Findings for the personal data in a SQL text. */
export function piiFindings(text: string, positions = new TextPositions(text)): Finding[] {
  return findPii(text).map((m) => ({
    code: 'CG-SQL-PII',
    severity: 'warning',
    message: `query text contains ${describe[m.kind]}: personal data in queries ends up in logs and history; filter by an ID instead`,
    range: positions.range(m.start, m.end),
  }));
}
