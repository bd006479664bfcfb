import * as assert from 'node:assert/strict';
import { countPii, luhnValid, type PiiKind, redactPii, redactPiiWithCounts } from '../../../server/audit/redact';

// Secret-shaped values are assembled at run time so that secret scanners do not flag this file.
const awsKeyId = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
const awsTempKeyId = ['ASIA', 'Y34FZKBOKMUTVV7A'].join('');
const awsSecret = ['wJalrXUtnFEMI', '/K7MDENG/bPxRfiCY', 'EXAMPLEKEY'].join('');
const azureAccountKey = `${'Zm9vYmFyYmF6'.repeat(7)}AB==`;
const azureClientSecret = ['abc8', 'Q~', 'Xy7zLmN0pQrStUvWxYz0123456789ab'].join('');
const githubToken = ['ghp', '_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');
const githubPat = ['github', '_pat_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'].join('');
const jwt = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.');
const pem = ['-----BEGIN RSA PRIVATE', ' KEY-----\nMIIEowIBAAKCAQEA7bq\nq1w2e3r4t5y6u7i8o9p0\n-----END RSA PRIVATE', ' KEY-----'].join('');

/** Redacts `text` and checks that exactly the listed kinds were found, as many times as listed. */
function expectCounts(text: string, expected: Partial<Record<PiiKind, number>>): string {
  const { text: out, counts } = redactPiiWithCounts(text);
  assert.deepEqual(counts, expected, `counts for ${JSON.stringify(text)} → ${JSON.stringify(out)}`);
  return out;
}

describe('redactPii', () => {
  describe('finds each kind of personal data', () => {
    const cases: [string, string, PiiKind, string][] = [
      // [text, expected output, kind, what must no longer appear]
      ['contact alice.smith+audit@example.co.uk today', 'contact [REDACTED:email] today', 'email', 'alice.smith'],
      ['owner: bob_o-neil@sub.example.com.', 'owner: [REDACTED:email].', 'email', 'bob_o-neil'],
      ['ask zoë@café.example first', 'ask [REDACTED:email] first', 'email', 'zoë'],
      ['SSN 123-45-6789 on file', 'SSN [REDACTED:ssn] on file', 'ssn', '123-45-6789'],
      ['ssn=078 05 1120', 'ssn=[REDACTED:ssn]', 'ssn', '078 05 1120'],
      ['visa 4111 1111 1111 1111 exp 12/29', 'visa [REDACTED:card] exp 12/29', 'card', '4111 1111 1111 1111'],
      ['mc 5555555555554444.', 'mc [REDACTED:card].', 'card', '5555555555554444'],
      ['amex 3782-822463-10005', 'amex [REDACTED:card]', 'card', '822463'],
      ['card 4111-1111-1111-1111 cvv', 'card [REDACTED:card] cvv', 'card', '4111-1111'],
      ['call (555) 123-4567', 'call [REDACTED:phone]', 'phone', '123-4567'],
      ['call 555-123-4567 now', 'call [REDACTED:phone] now', 'phone', '555-123-4567'],
      ['call 555.123.4567', 'call [REDACTED:phone]', 'phone', '555.123.4567'],
      ['call 555 123-4567', 'call [REDACTED:phone]', 'phone', '123-4567'],
      ['toll free 1-800-555-0199', 'toll free [REDACTED:phone]', 'phone', '800-555'],
      ['uk +44 20 7946 0958 office', 'uk [REDACTED:phone] office', 'phone', '7946'],
      ['de +49-30-12345678', 'de [REDACTED:phone]', 'phone', '12345678'],
      ['uk 020 7946 0958', 'uk [REDACTED:phone]', 'phone', '7946'],
      [`key ${awsKeyId} used`, 'key [REDACTED:aws-access-key] used', 'aws-access-key', awsKeyId],
      [`temp ${awsTempKeyId}`, 'temp [REDACTED:aws-access-key]', 'aws-access-key', awsTempKeyId],
      [`aws_secret_access_key = ${awsSecret}`, 'aws_secret_access_key = [REDACTED:aws-secret-key]', 'aws-secret-key', awsSecret],
      [`{"SecretAccessKey": "${awsSecret}"}`, '{"SecretAccessKey": "[REDACTED:aws-secret-key]"}', 'aws-secret-key', awsSecret],
      [
        `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${azureAccountKey};EndpointSuffix=core.windows.net`,
        'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=[REDACTED:azure-key];EndpointSuffix=core.windows.net',
        'azure-key',
        azureAccountKey,
      ],
      ['https://acme.blob.core.windows.net/c?sv=2022-11-02&sig=abcDEF123%2Bxyz%3D&se=2024', 'https://acme.blob.core.windows.net/c?sv=2022-11-02&sig=[REDACTED:azure-key]&se=2024', 'azure-key', 'abcDEF123'],
      [`client secret ${azureClientSecret} set`, 'client secret [REDACTED:azure-client-secret] set', 'azure-client-secret', azureClientSecret],
      [`${pem}\nafter`, '[REDACTED:private-key]\nafter', 'private-key', 'MIIEow'],
      ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA (cut here', '[REDACTED:private-key]', 'private-key', 'b3Blbn'],
      ['Authorization: Bearer abcdef0123456789ABCDEF.xyz', 'Authorization: Bearer [REDACTED:bearer-token]', 'bearer-token', 'abcdef0123456789'],
      [`token ${githubToken}`, 'token [REDACTED:github-token]', 'github-token', githubToken],
      [`pat ${githubPat}`, 'pat [REDACTED:github-token]', 'github-token', githubPat],
      [`id_token ${jwt}`, 'id_token [REDACTED:jwt]', 'jwt', 'eyJzdWIi'],
      ['password=hunter2', 'password=[REDACTED:secret]', 'secret', 'hunter2'],
      ['DB_PASSWORD: "correct horse"', 'DB_PASSWORD: "[REDACTED:secret]"', 'secret', 'correct horse'],
      ["clientSecret='s3cr3t!'", "clientSecret='[REDACTED:secret]'", 'secret', 's3cr3t'],
      ['api_key=abc123def', 'api_key=[REDACTED:secret]', 'secret', 'abc123def'],
      ['session token: Zx81-QQ', 'session token: [REDACTED:secret]', 'secret', 'Zx81'],
      ['postgres://app:pa55word@db.internal:5432/prod', 'postgres://app:[REDACTED:secret]@db.internal:5432/prod', 'secret', 'pa55word'],
      ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic [REDACTED:secret]', 'secret', 'dXNlcjpwYXNz'],
    ];
    for (const [text, expected, kind, gone] of cases) {
      it(`${kind}: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)}`, () => {
        const out = expectCounts(text, { [kind]: 1 });
        assert.equal(out, expected);
        assert.ok(!out.includes(gone), `${gone} survived in ${out}`);
      });
    }
  });

  it('a bearer JWT is counted once, as a JWT', () => {
    assert.equal(expectCounts(`Authorization: Bearer ${jwt}`, { jwt: 1 }), 'Authorization: Bearer [REDACTED:jwt]');
  });

  it('an AWS key pair in a credentials file loses both halves', () => {
    const text = `[default]\naws_access_key_id = ${awsKeyId}\naws_secret_access_key = ${awsSecret}\n`;
    const out = expectCounts(text, { 'aws-access-key': 1, 'aws-secret-key': 1 });
    assert.equal(out, '[default]\naws_access_key_id = [REDACTED:aws-access-key]\naws_secret_access_key = [REDACTED:aws-secret-key]\n');
  });

  it('finds every planted value in a mixed paragraph and counts them by kind', () => {
    const text = [
      'Import by alice@example.com (phone 555-123-4567, alt +1 415 555 0100) for acct 123456789012.',
      `Keys: ${awsKeyId}, token=${githubToken}; card 5105 1051 0510 5100; ssn 219-09-9999.`,
      `Previewed as role analyst: SELECT * FROM t WHERE email = 'carol@corp.example' AND password = 'pw1';`,
    ].join('\n');
    const { text: out, counts } = redactPiiWithCounts(text);
    assert.deepEqual(counts, { email: 2, phone: 2, 'aws-access-key': 1, 'github-token': 1, card: 1, ssn: 1, secret: 1 });
    for (const gone of ['alice@', '555-123-4567', '415 555', awsKeyId, githubToken, '5105 1051', '219-09-9999', 'carol@', "'pw1'"]) {
      assert.ok(!out.includes(gone), `${gone} survived in ${out}`);
    }
    assert.match(out, /acct 123456789012\./, 'a 12-digit AWS account id is not personal data');
    assert.deepEqual(countPii(text), counts);
  });

  describe('leaves look-alikes alone', () => {
    const lookAlikes = [
      'order ORD-2024-000123 shipped',
      'on 2024-05-01 and 01/05/2024',
      'version 1.2.3, 10.4.21-beta.2 and v2.0.0',
      'at 2024-05-01T12:34:56.789Z and 2024-05-01 12:34:56',
      'request 550e8400-e29b-41d4-a716-446655440000',
      'run 12345678-1234-1234-1234-123456789012',
      'number 4111111111111112 fails the Luhn check',
      'grouped 4111 1111 1111 1112 fails it too',
      'epoch ms 1714521600000 and s 1714521600',
      'account 123456789012, arn:aws:iam::123456789012:role/Reader',
      'ip 192.168.100.200 and cidr 10.0.0.0/16',
      'git 9fceb02d0ae598e95dc970b74767f19372d61af8',
      'sg-0123456789abcdef0 in subnet-0bb1c79de3EXAMPLE',
      'counts 1000 2000 3000 4000 5000',
      'ssn-like 000-12-3456 and 666-12-3456 and 900-12-3456 are never issued',
      'the bearer of bad news',
      'tokens are counted; password policy applies',
      'port 5432, 65535 and 8080',
      'email@ alone, user@localhost, @mention',
      'sum 3.14159265358979 and 2.718281828459045',
      '[REDACTED:email] stays as it is',
    ];
    for (const text of lookAlikes) {
      it(JSON.stringify(text), () => {
        assert.equal(redactPii(text), text);
      });
    }
  });

  it('does not redact a placeholder a second time', () => {
    assert.equal(expectCounts('password=[REDACTED:secret] and token: "[REDACTED:jwt]"', {}), 'password=[REDACTED:secret] and token: "[REDACTED:jwt]"');
  });

  it('checks card numbers with Luhn', () => {
    assert.equal(luhnValid('4111111111111111'), true);
    assert.equal(luhnValid('4111111111111112'), false);
    assert.equal(luhnValid('378282246310005'), true);
  });

  describe('takes linear time on hostile input', () => {
    // Each input defeats a naive pattern (nested or overlapping quantifiers) with quadratic or
    // exponential backtracking; a linear pass finishes a megabyte in well under a second.
    const size = 1_000_000;
    const inputs: [string, string][] = [
      ['one long word', 'a'.repeat(size)],
      ['dots and dashes', 'a.'.repeat(size / 2)],
      ['at signs', 'a@'.repeat(size / 2)],
      ['a domain that never ends', `x@${'a.'.repeat(size / 2)}`],
      ['spaced digits', '1 '.repeat(size / 2)],
      ['dashed digits', '12-'.repeat(size / 3)],
      ['plus signs', '+1 '.repeat(size / 3)],
      ['unterminated key blocks', '-----BEGIN PRIVATE KEY-----'.repeat(size / 27)],
      ['key names without values', 'password='.repeat(size / 9)],
      ['bearer words', 'bearer '.repeat(size / 7)],
      ['JWT prefixes', 'eyJhbGci.'.repeat(size / 9)],
      ['URL schemes', '://a:'.repeat(size / 5)],
    ];
    for (const [name, text] of inputs) {
      it(name, () => {
        const started = performance.now();
        redactPii(text);
        const ms = performance.now() - started;
        assert.ok(ms < 1500, `${name}: ${ms.toFixed(0)} ms for ${text.length} characters`);
      });
    }
  });
});
