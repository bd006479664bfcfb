/**
 * Redaction of personal data and secrets from text before it reaches the audit log.
 *
 * A few linear passes, in this order:
 *   - case-sensitive tokens with a fixed shape, one pattern each (PEM private keys, JWTs, GitHub
 *     tokens, AWS access key ids, Azure AD client secrets), then passwords in URLs, then email
 *     addresses found from their `@`;
 *   - one case-insensitive pattern for `key = value` contexts (AWS secret keys, Azure account keys
 *     and SAS signatures, bearer tokens, `password=`/`secret=`/`token=` and their relatives);
 *   - one pattern for runs of digits, which a small classifier splits into card numbers
 *     (Luhn-checked), US social security numbers and phone numbers, leaving dates, versions, ids
 *     and timestamps alone.
 * Every quantifier is either bounded or over a character class that cannot overlap what follows
 * it, and no quantified group contains another quantifier, so no input makes a pass backtrack
 * more than a constant amount per character.
 */

/** The kinds of data the redactor recognises; each becomes a `[REDACTED:<kind>]` placeholder. */
export type PiiKind =
  | 'email'
  | 'ssn'
  | 'card'
  | 'phone'
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'azure-key'
  | 'azure-client-secret'
  | 'private-key'
  | 'bearer-token'
  | 'github-token'
  | 'jwt'
  | 'secret';

export type PiiCounts = Partial<Record<PiiKind, number>>;

export interface RedactionResult {
  text: string;
  /** How many values of each kind were replaced; kinds that did not occur are absent. */
  counts: PiiCounts;
}

/** The text that replaces a value of the given kind. */
export function placeholder(kind: PiiKind): string {
  return `[REDACTED:${kind}]`;
}

/** Replaces every recognised personal or secret value in `text` with a typed placeholder. */
export function redactPii(text: string): string {
  return redactPiiWithCounts(text).text;
}

/** Like `redactPii`, and also says how many values of each kind it replaced. */
export function redactPiiWithCounts(text: string): RedactionResult {
  const counts: PiiCounts = {};
  const count = (kind: PiiKind): string => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return placeholder(kind);
  };
  let out = text;
  for (const [pattern, kind] of shapedTokens) out = out.replace(pattern, () => count(kind));
  out = out.replace(urlPassword, (_match: string, userPart: string) => `${userPart}${count('secret')}@`);
  out = redactEmails(out, count);
  out = out.replace(keyValueSecrets, (match: string, ...rest: unknown[]) => replaceKeyValueSecret(match, groupsOf(rest), count));
  out = out.replace(digitRuns, (match: string, ...rest: unknown[]) => classifyDigitRun(match, followingChar(rest, match), count));
  return { text: out, counts };
}

/** The number of values of each kind that `redactPii` would replace. */
export function countPii(text: string): PiiCounts {
  return redactPiiWithCounts(text).counts;
}

type Groups = Record<string, string | undefined>;
type Counter = (kind: PiiKind) => string;

// A value an earlier pass already replaced must not be replaced again by a key=value rule.
const notRedacted = String.raw`(?!\[REDACTED:)`;

// Fixed-shape tokens: one pattern per kind rather than one alternation. Each starts with a literal or a
// fixed-offset literal that V8 finds with a fast skip search; joined in an alternation, every
// alternative is tried at every character, which measured ten times slower.
const shapedTokens: [RegExp, PiiKind][] = [
  // An unterminated block (a truncated paste) is redacted to the end of the text.
  [/-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|[\s\S]*)/g, 'private-key'],
  // A JWT's header and payload are base64url JSON objects, so both begin with `ey`.
  [/\beyJ[\w-]{4,}\.ey[\w-]{4,}\.[\w-]*/g, 'jwt'],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,251})\b/g, 'github-token'],
  [/\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g, 'aws-access-key'],
  // Azure AD client secrets since 2021: three characters, a digit, `Q~`, then 31 to 34 more.
  [/(?<![\w~.-])[\w~.-]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])/g, 'azure-client-secret'],
];

// Only the password of `scheme://user:password@host` is replaced.
const urlPassword = new RegExp(String.raw`(:\/\/[^\s:@\/]{0,256}:)${notRedacted}[^\s@\/]{1,256}@`, 'g');

// Internationalised addresses (`zoë@café.example`) too: any character past ASCII counts as a letter.
const emailDomain = /[A-Za-z0-9\u0080-\uFFFF][A-Za-z0-9\u0080-\uFFFF.-]{0,252}\.(?:[A-Za-z]|[\u0080-\uFFFF]){2,24}(?![A-Za-z0-9_\u0080-\uFFFF])/y;

/**
 * Email addresses, found from their `@` (a fast `indexOf`) rather than by a pattern that would try
 * every word character as the start of a local part. The local part is the whole run of
 * `[A-Za-z0-9_.%+-]` and characters past ASCII before the `@`, at most 64 characters (RFC 5321).
 */
function redactEmails(text: string, count: Counter): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  let out = '';
  let copiedTo = 0;
  while (at >= 0) {
    let localStart = at;
    while (localStart > copiedTo && at - localStart <= 64 && isLocalPartChar(text.charCodeAt(localStart - 1))) localStart--;
    const localLength = at - localStart;
    // A run that goes on past 64 characters, or into the address just replaced, is no local part.
    const wholeRun = localStart === 0 || !isLocalPartChar(text.charCodeAt(localStart - 1));
    emailDomain.lastIndex = at + 1;
    const domain = localLength > 0 && localLength <= 64 && wholeRun ? emailDomain.exec(text) : null;
    if (domain !== null) {
      out += text.slice(copiedTo, localStart) + count('email');
      copiedTo = at + 1 + domain[0].length;
      at = text.indexOf('@', copiedTo);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}

function isLocalPartChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x25 || // %
    code === 0x2b || // +
    code === 0x2d || // -
    code >= 0x80 // past ASCII (RFC 6531)
  );
}

// Then a key that names a secret, a separator, then the value; only the value is replaced.
const separator = String.raw`["']?\s{0,5}[:=]\s{0,5}`;
const secretValue = String.raw`(?:"${notRedacted}[^"\n]{1,512}"|'${notRedacted}[^'\n]{1,512}'|${notRedacted}[^\s,;&"'<>(){}\[\]]{1,512})`;
const keyValueSecrets = new RegExp(
  [
    String.raw`(?<awsSecretKey>(?:aws_?)?secret_?(?:access_?)?key${separator}["']?)(?<awsSecretValue>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`,
    String.raw`(?<azureKey>(?:AccountKey|SharedAccessKey)\s{0,5}=\s{0,5}|[?&;]sig=)(?<azureKeyValue>${notRedacted}[^;&\s"']{1,512})`,
    String.raw`(?<bearer>\bbearer\s{1,5})(?<bearerValue>${notRedacted}[\w.~+\/-]{16,2048}=*)`,
    String.raw`(?<basic>\bauthorization${separator}["']?basic\s{1,5})(?<basicValue>[A-Za-z0-9+\/]{4,1024}=*)`,
    String.raw`(?<secretKey>(?:password|passwd|pwd|secret|token|api[_-]?key|credentials?)[\w.-]{0,30}${separator})(?<secretValue>${secretValue})`,
  ].join('|'),
  'gi',
);

function replaceKeyValueSecret(match: string, g: Groups, count: Counter): string {
  if (g.awsSecretKey !== undefined) return `${g.awsSecretKey}${count('aws-secret-key')}`;
  if (g.azureKey !== undefined) return `${g.azureKey}${count('azure-key')}`;
  if (g.bearer !== undefined) return `${g.bearer}${count('bearer-token')}`;
  if (g.basic !== undefined) return `${g.basic}${count('secret')}`;
  if (g.secretKey !== undefined && g.secretValue !== undefined) {
    const value = g.secretValue;
    const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
    return `${g.secretKey}${quote}${count('secret')}${quote}`;
  }
  return match;
}

// Last pass: international numbers (`+44 20 7946 0958`), `(555) 123-4567`, and any other run of at
// least eleven digits and separators that does not continue a word, a dotted or a dashed token
// (which keeps `ORD-2024-000123`, UUIDs and version strings out of it).
const digitRuns = new RegExp(
  [
    String.raw`(?<![\w+])\+\d[\d ().-]{5,}\d`,
    String.raw`(?<![\w(])\(\d{3}\) ?\d{3}[ .-]\d{4}(?!\d)`,
    String.raw`(?<![\w.+-])\d[\d .-]{9,}\d`,
  ].join('|'),
  'g',
);

/**
 * A run like `4111 1111-22.3` as its digit groups (offsets into the run) and the separator
 * between each group and the next, as a character code (0 when it is longer than one character).
 * Plain number arrays keep a megabyte-long run from costing a million small objects.
 */
interface DigitRun {
  text: string;
  starts: number[];
  ends: number[];
  seps: number[];
  /** digitsBefore[k] is the number of digits in groups 0..k-1, to size a window without building it. */
  digitsBefore: number[];
}

const space = 0x20;
const dash = 0x2d;
const dot = 0x2e;

function splitGroups(text: string): DigitRun {
  const run: DigitRun = { text, starts: [], ends: [], seps: [], digitsBefore: [0] };
  let i = 0;
  while (i < text.length) {
    const start = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i > start) {
      run.starts.push(start);
      run.ends.push(i);
      run.digitsBefore.push(run.digitsBefore[run.digitsBefore.length - 1] + i - start);
    }
    const sepStart = i;
    while (i < text.length && !isDigit(text.charCodeAt(i))) i++;
    if (i > sepStart && i < text.length) run.seps.push(i - sepStart === 1 ? text.charCodeAt(sepStart) : 0);
  }
  return run;
}

function allDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function classifyDigitRun(text: string, next: string, count: Counter): string {
  if (text[0] === '+') return classifyInternational(text, count);
  if (text[0] === '(') return count('phone');
  // Most runs are one unseparated number (an account id, a timestamp): only a card can be one.
  if (allDigits(text)) return text.length >= 13 && text.length <= 19 && isCardShape([text.length], 0, text) && luhnValid(text) && !/[A-Za-z_]/.test(next) ? count('card') : text;
  const run = splitGroups(text);
  // A run glued to a following letter (`2024abc`) ends in part of a word, not a number.
  const usable = /[A-Za-z_]/.test(next) ? run.starts.length - 1 : run.starts.length;
  let out = '';
  let copiedTo = 0;
  let i = 0;
  while (i < usable) {
    const found = findAt(run, i, usable);
    if (found === undefined) {
      i++;
      continue;
    }
    out += text.slice(copiedTo, run.starts[i]) + count(found.kind);
    copiedTo = run.ends[found.last];
    i = found.last + 1;
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}

/**
 * `+CC …`: the longest prefix of whole digit groups holding 8 to 15 digits (E.164's limit) is a
 * phone number; what follows it (a year, a count) is left as it was.
 */
function classifyInternational(run: string, count: Counter): string {
  let digits = 0;
  let lastEnd = -1;
  for (let i = 1; i < run.length; i++) {
    if (!isDigit(run.charCodeAt(i))) continue;
    digits++;
    if (digits > 15) break;
    const groupEnds = i + 1 === run.length || !isDigit(run.charCodeAt(i + 1));
    if (digits >= 8 && groupEnds) lastEnd = i + 1;
  }
  if (lastEnd < 0) return run;
  return count('phone') + run.slice(lastEnd);
}

interface Found {
  kind: PiiKind;
  last: number;
}

/** The personal number that starts at digit group `i`, if any, preferring the longest. */
function findAt(run: DigitRun, i: number, usable: number): Found | undefined {
  for (let last = Math.min(usable - 1, i + 5); last >= i; last--) {
    // Every kind has 9 (an SSN) to 19 (the longest card) digits.
    const total = run.digitsBefore[last + 1] - run.digitsBefore[i];
    if (total < 9 || total > 19 || !closed(run.seps, i, last)) continue;
    const lengths: number[] = [];
    let digits = '';
    for (let k = i; k <= last; k++) {
      lengths.push(run.ends[k] - run.starts[k]);
      digits += run.text.slice(run.starts[k], run.ends[k]);
    }
    const seps = run.seps.slice(i, last);
    if (seps.every((sep) => sep === seps[0])) {
      const sep = seps.length > 0 ? seps[0] : 0;
      if (isCardShape(lengths, sep, digits) && luhnValid(digits)) return { kind: 'card', last };
      if (isSsn(lengths, sep, digits)) return { kind: 'ssn', last };
    }
    if (isPhone(lengths, seps, digits)) return { kind: 'phone', last };
  }
  return undefined;
}

/**
 * Whether the window is not the middle of a longer dashed or dotted token: `1234-5678-9012-3456-7890`
 * is an identifier, while space-separated numbers may sit next to each other (`4111 1111 1111 1111 123`).
 */
function closed(seps: number[], i: number, last: number): boolean {
  const before = i > 0 ? seps[i - 1] : space;
  const after = last < seps.length ? seps[last] : space;
  return (before === space || before === 0) && (after === space || after === 0);
}

/**
 * 13 to 19 digits, unseparated or grouped as cards print them (4-4-4-4, 4-6-5, 4-4-4-4-3), whose
 * first digit is one card networks issue (2 to 6). The first-digit rule keeps millisecond
 * timestamps (`1714521600000`), which pass the Luhn check one time in ten, out.
 */
function isCardShape(lengths: number[], sep: number, digits: string): boolean {
  if (digits[0] < '2' || digits[0] > '6' || digits.length < 13 || digits.length > 19) return false;
  if (lengths.length === 1) return true;
  if (sep !== space && sep !== dash) return false;
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 4 || lengths[2] === 5)) return true;
  const lastLength = lengths[lengths.length - 1];
  return lengths.slice(0, -1).every((n) => n === 4) && lastLength >= 1 && lastLength <= 4;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** `123-45-6789`, excluding numbers the SSA never issues (area 000, 666 or 9xx; group 00; serial 0000). */
function isSsn(lengths: number[], sep: number, digits: string): boolean {
  if (lengths.length !== 3 || lengths[0] !== 3 || lengths[1] !== 2 || lengths[2] !== 4) return false;
  if (sep !== dash && sep !== space) return false;
  const area = digits.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

/**
 * North American `555-123-4567` / `555.123.4567` / `555 123 4567` (optionally after `1-`), and
 * national numbers with a trunk `0` such as `020 7946 0958` or `07700 900123`.
 */
function isPhone(lengths: number[], seps: number[], digits: string): boolean {
  if (!seps.every((sep) => sep === space || sep === dash || sep === dot)) return false;
  const nanp = lengths.length >= 3 ? lengths.slice(-3) : [];
  if (nanp[0] === 3 && nanp[1] === 3 && nanp[2] === 4) {
    if (lengths.length === 3) return true;
    if (lengths.length === 4 && digits[0] === '1' && lengths[0] === 1) return true;
  }
  const total = digits.length;
  return (
    digits[0] === '0' &&
    (lengths.length === 2 || lengths.length === 3) &&
    lengths[0] >= 2 &&
    lengths[0] <= 5 &&
    lengths.slice(1).every((n) => n >= 3) &&
    total >= 10 &&
    total <= 11
  );
}

/** The named groups object that `String.prototype.replace` passes last when the pattern has any. */
function groupsOf(rest: unknown[]): Groups {
  const last = rest[rest.length - 1];
  return typeof last === 'object' && last !== null ? (last as Groups) : {};
}

/** The character right after the match, from the offset and whole string `replace` passes along. */
function followingChar(rest: unknown[], match: string): string {
  const offset = rest[rest.length - 2];
  const whole = rest[rest.length - 1];
  if (typeof offset !== 'number' || typeof whole !== 'string') return '';
  return whole.charAt(offset + match.length);
}
