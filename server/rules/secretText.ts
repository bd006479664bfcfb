import { unknownText } from './terraformResourceView';

/** Kinds of secret found in a text; the secret itself is never repeated in a message. */
export type SecretKind = 'an AWS access key ID' | 'an AWS secret access key' | 'a private key' | 'a password or token';

const accessKeyId = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;
const secretAccessKey = /aws_secret_access_key\s*[=:]\s*['"]?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i;
const privateKey = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/;
/**
 * `password=…`, `DB_TOKEN: …` with a literal value. Names of references to secrets (`…_ARN`, `…_ID`,
 * `…_FILE`, `…_PATH`, `…_NAME`) are not secrets, and a value that is an interpolation (U+0000 here)
 * is not written in the code.
 */
const assignment = /([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key)[A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*['"]?([^\s'"]{4,})/gi;
const referenceName = /(?:_arn|_id|_file|_path|_name|_ref|_version|-stdin)$/i;

/** The kinds of secret written literally in a text (unknown parts are U+0000 and never match). */
export function secretsIn(text: string): SecretKind[] {
  const kinds = new Set<SecretKind>();
  if (accessKeyId.test(text)) kinds.add('an AWS access key ID');
  if (secretAccessKey.test(text)) kinds.add('an AWS secret access key');
  if (privateKey.test(text)) kinds.add('a private key');
  for (const m of text.matchAll(assignment)) {
    const [, name, value] = m;
    if (referenceName.test(name) || /secret_access_key/i.test(name)) continue;
    if (value.includes(unknownText) || value.startsWith('arn:') || value.startsWith('$')) continue;
    kinds.add('a password or token');
  }
  return [...kinds];
}

/** "an AWS access key ID and an AWS secret access key" */
export function listKinds(kinds: readonly string[]): string {
  return kinds.length <= 1 ? (kinds[0] ?? '') : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
}
