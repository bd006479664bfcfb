/**
 * Recognises values that look like secrets, so that the importers never store them: credentials in
 * tags, tokens pasted into descriptions, passwords in connection strings. A false positive costs a
 * tag value shown as `[redacted]`; a false negative leaks a credential into a file that gets
 * committed, so the patterns lean towards redacting.
 *
 * Every pattern is linear: bounded quantifiers or character classes that cannot overlap what
 * follows, so a hostile tag value cannot make matching slow.
 */
import { redactedValue } from '../protocol/snapshot';

/** Shapes of credentials that are secret wherever they appear. */
const tokenShapes: RegExp[] = [
  // AWS access key ids (long-term AKIA, temporary ASIA and their relatives).
  /\b(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[A-Z0-9]{16}\b/,
  // PEM private keys, complete or cut off.
  /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY/,
  // JSON Web Tokens: a base64url JSON header and payload.
  /\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/,
  // GitHub, Slack, Stripe, Google and npm tokens.
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/,
  /\bAIza[0-9A-Za-z_-]{35}/,
  /\bnpm_[A-Za-z0-9]{36}\b/,
  // Azure storage and service-bus connection strings, SAS signatures.
  /\b(?:AccountKey|SharedAccessKey|SharedAccessSignature)=[^;\s]{8,}/i,
  /[?&]sig=[A-Za-z0-9%+/=]{16,}/,
  // A password inside a URL: scheme://user:password@host.
  /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/]{1,100}:[^\s@/]{1,200}@/i,
  // Bearer tokens in a pasted header.
  /\bbearer\s+[A-Za-z0-9._~+/-]{16,}/i,
  // `password=…`, `secret: …`, `api_key=…` and their relatives, with a value after them.
  // No word boundary in front: `AWS_SECRET_ACCESS_KEY=` and `db_password:` must match too.
  /(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?)\s{0,3}[:=]\s{0,3}['"]?[^\s'"]{3,}/i,
];

/**
 * A 40-character base64 run with upper case, lower case and a digit is the shape of an AWS secret
 * access key. Hex digests (lower case only) and most ids do not have it.
 */
const awsSecretKeyShape = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

function hasAwsSecretKeyShape(text: string): boolean {
  for (const match of text.matchAll(awsSecretKeyShape)) {
    const run = match[0];
    if (/[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run)) return true;
  }
  return false;
}

/** Names of keys whose value is a secret whatever it looks like (tag keys, setting names). */
const secretKeyName =
  /(?:pass(?:word|wd|phrase)|^pass$|^pwd$|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|connection[_-]?string|^sas$)/i;

/** True when `value` holds something shaped like a credential or a `password=…` assignment. */
export function looksSecret(value: string): boolean {
  if (value.length < 8) return false;
  return tokenShapes.some((pattern) => pattern.test(value)) || hasAwsSecretKeyShape(value);
}

/** True when a key of this name (a tag key, a setting) holds a secret by its name alone. */
export function isSecretKeyName(key: string): boolean {
  return secretKeyName.test(key);
}

const globalTokenShapes = tokenShapes.map((pattern) => new RegExp(pattern.source, `${pattern.flags}g`));

/**
 * Replaces every secret-looking part of a free text (an error message, a log line) with
 * `[redacted]` and keeps the rest readable.
 */
export function redactSecretsInText(text: string): string {
  let out = text;
  for (const pattern of globalTokenShapes) out = out.replace(pattern, redactedValue);
  return out.replace(awsSecretKeyShape, (run) =>
    /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run) ? redactedValue : run,
  );
}
