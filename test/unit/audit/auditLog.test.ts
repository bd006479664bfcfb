import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  type AuditAction,
  type AuditDetails,
  type AuditEntry,
  AuditLogCorruptError,
  appendAuditEntry,
  canonicalJson,
  computeEntryHash,
  currentActor,
  defaultAuditLogPath,
  genesisHash,
} from '../../../server/audit/auditLog';
import { verifyAuditLog } from '../../../server/audit/verifyAuditLog';

// Secret-shaped values are assembled at run time so that secret scanners do not flag this file.
const planted = {
  email: 'dana.lee@example.org',
  ssn: '219-09-9999',
  card: '4242 4242 4242 4242',
  phone: '(212) 555-0147',
  awsKeyId: ['AKIA', 'Z7QW3EXAMPLE9KEY'].join(''),
  awsSecret: ['9drTJvcXLB89EXAMPLE', 'LMmsuU8Hs2ObK0Gc3hMqB/E1'].join(''),
  azureKey: `${'c2VjcmV0S2V5'.repeat(7)}AB==`,
  pemBody: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
  githubToken: ['ghp', '_', 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8'].join(''),
  jwt: ['eyJhbGciOiJSUzI1NiJ9', 'eyJpc3MiOiJjYXJ0b2dyYXBoIn0', 'c2lnbmF0dXJlLXNpZ25hdHVyZQ'].join('.'),
  bearer: 'opaque-0123456789abcdefXYZ',
  password: 'Tr0ub4dor&3',
  keyNamedSecret: 'plainwords',
};

describe('appendAuditEntry', () => {
  let dir: string;
  let counter = 0;
  const nextFile = (): string => path.join(dir, `log-${++counter}`, 'audit.jsonl');

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-audit-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts a chain, links each entry to the previous one and writes canonical lines', async () => {
    const file = nextFile();
    const actions: AuditAction[] = ['connection.added', 'connection.edited', 'import.completed', 'import.failed', 'policy.previewed', 'suppression.added', 'connection.removed'];
    const written: AuditEntry[] = [];
    for (const action of actions) {
      written.push(await appendAuditEntry(file, { action, actor: { user: 'alice', machineId: 'abc' }, details: { z: 1, a: { y: [3, 1], b: 'x' } } }));
    }
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'every line ends with a newline');
    assert.equal(lines.length, actions.length);
    let prevHash = genesisHash;
    lines.forEach((line, i) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      assert.equal(line, canonicalJson(entry), 'the line is the canonical serialisation');
      assert.equal(entry.seq, i + 1);
      assert.equal(entry.v, 1);
      assert.equal(entry.action, actions[i]);
      assert.equal(entry.prevHash, prevHash);
      assert.equal(entry.hash, computeEntryHash(entry));
      assert.match(entry.time as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.deepEqual(entry, written[i], 'the returned entry is the written one');
      prevHash = entry.hash as string;
    });
    assert.match(lines[0], /^\{"action":"connection.added","actor":\{"machineId":"abc","user":"alice"\},"details":\{"a":\{"b":"x","y":\[3,1\]\},"z":1\},"hash":/);
    assert.ok(!fs.existsSync(`${file}.lock`), 'the lock is released');
    const verified = await verifyAuditLog(file);
    assert.ok(verified.ok && verified.entries === actions.length && verified.reformatted === 0, JSON.stringify(verified));
  });

  it('creates the log readable by its owner only', async function () {
    if (process.platform === 'win32') this.skip();
    const file = nextFile();
    await appendAuditEntry(file, { action: 'connection.added', actor: currentActor(), details: {} });
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it('never writes a planted secret or personal value to disk', async () => {
    const file = nextFile();
    const details: AuditDetails = {
      connection: 'prod',
      note: `added by ${planted.email}, ssn ${planted.ssn}, card ${planted.card}, call ${planted.phone}`,
      identity: { accessKeyId: planted.awsKeyId, secretAccessKey: planted.awsSecret },
      credentials: { profile: 'prod-admin', sessionToken: 'FwoGZXIvYXdzEXAMPLE' },
      connectionString: `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${planted.azureKey}`,
      pasted: [`-----BEGIN PRIVATE KEY-----\n${planted.pemBody}\n-----END PRIVATE KEY-----`, `token=${planted.githubToken}`],
      headers: { Authorization: `Bearer ${planted.bearer}`, 'X-Id-Token': planted.jwt },
      nested: { deeper: [{ password: planted.password }, { clientSecret: planted.keyNamedSecret }] },
      [`owner ${planted.email}`]: 'keys are redacted too',
    };
    const entry = await appendAuditEntry(file, { action: 'connection.added', actor: { user: 'alice' }, details });
    const onDisk = fs.readFileSync(file, 'utf8');
    for (const [name, value] of Object.entries(planted)) {
      assert.ok(!onDisk.includes(value), `${name} (${value}) was written to disk`);
      assert.ok(!JSON.stringify(entry).includes(value), `${name} is in the returned entry`);
    }
    for (const kind of ['email', 'ssn', 'card', 'phone', 'secret']) assert.ok(onDisk.includes(`[REDACTED:${kind}]`), kind);
    assert.equal((entry.details.identity as AuditDetails).secretAccessKey, '[REDACTED:secret]', 'a key that names a secret hides its value');
    assert.equal((entry.details.identity as AuditDetails).accessKeyId, '[REDACTED:aws-access-key]', 'a key id is found by its shape');
    assert.deepEqual(entry.details.credentials, { profile: '[REDACTED:secret]', sessionToken: '[REDACTED:secret]' }, 'everything under a secret key');
    assert.ok(!onDisk.includes('FwoGZXIvYXdzEXAMPLE'));
    assert.equal(entry.details.connection, 'prod', 'plain values stay');
    assert.ok('owner [REDACTED:email]' in entry.details);
    assert.ok((await verifyAuditLog(file)).ok);
  });

  it('keeps keys that become equal once redacted apart', async () => {
    const file = nextFile();
    const entry = await appendAuditEntry(file, { action: 'import.completed', actor: { user: 'a' }, details: { 'a@example.com': 1, 'b@example.com': 2 } });
    assert.deepEqual(entry.details, { '[REDACTED:email]': 1, '[REDACTED:email] (2)': 2 });
  });

  it('stores details as plain JSON, so that the hash a reader recomputes is the one written', async () => {
    const file = nextFile();
    const odd = JSON.parse('{"__proto__":{"polluted":true},"when":null}') as AuditDetails;
    const details = { ...odd, at: new Date(Date.UTC(2024, 4, 1)) as unknown as string, gone: undefined as unknown as string, text: 'line\u2028sep "q" é' };
    const entry = await appendAuditEntry(file, { action: 'policy.previewed', actor: { user: 'a' }, details });
    assert.equal(entry.details.at, '2024-05-01T00:00:00.000Z');
    assert.ok(!('gone' in entry.details));
    assert.ok(Object.prototype.hasOwnProperty.call(entry.details, '__proto__'), '__proto__ stays a key');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const verified = await verifyAuditLog(file);
    assert.ok(verified.ok && verified.reformatted === 0, JSON.stringify(verified));
  });

  it('rejects an unknown action and details that are not an object', async () => {
    const file = nextFile();
    await assert.rejects(appendAuditEntry(file, { action: 'connection.deleted' as AuditAction, actor: { user: 'a' }, details: {} }), /Unknown audit action/);
    await assert.rejects(appendAuditEntry(file, { action: 'connection.added', actor: { user: 'a' }, details: [] as unknown as AuditDetails }), /JSON object/);
    assert.ok(!fs.existsSync(file));
  });

  it('refuses to append after an incomplete last line, and leaves the file as it was', async () => {
    const file = nextFile();
    await appendAuditEntry(file, { action: 'connection.added', actor: { user: 'a' }, details: {} });
    fs.appendFileSync(file, '{"action":"conn');
    const before = fs.readFileSync(file);
    await assert.rejects(appendAuditEntry(file, { action: 'connection.removed', actor: { user: 'a' }, details: {} }), (error: unknown) => {
      assert.ok(error instanceof AuditLogCorruptError);
      assert.match(error.message, /incomplete/);
      assert.ok(error.message.includes(file));
      return true;
    });
    assert.deepEqual(fs.readFileSync(file), before);
    assert.ok(!fs.existsSync(`${file}.lock`), 'the lock is released after a failure');
  });

  it('refuses to append after a last line that is not an entry', async () => {
    const file = nextFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not json\n');
    await assert.rejects(appendAuditEntry(file, { action: 'connection.added', actor: { user: 'a' }, details: {} }), /not JSON/);
    fs.writeFileSync(file, '{"seq":1}\n');
    await assert.rejects(appendAuditEntry(file, { action: 'connection.added', actor: { user: 'a' }, details: {} }), /malformed/);
  });

  it('continues a chain whose last line is longer than its tail window', async () => {
    const file = nextFile();
    await appendAuditEntry(file, { action: 'policy.previewed', actor: { user: 'a' }, details: { statement: 'x'.repeat(300_000) } });
    const second = await appendAuditEntry(file, { action: 'policy.previewed', actor: { user: 'a' }, details: {} });
    assert.equal(second.seq, 2);
    assert.ok((await verifyAuditLog(file)).ok);
  });

  it('serialises appends from one process through the lock', async () => {
    const file = nextFile();
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendAuditEntry(file, { action: 'suppression.added', actor: { user: 'a' }, details: { i } })));
    const verified = await verifyAuditLog(file);
    assert.ok(verified.ok && verified.entries === 40, JSON.stringify(verified));
  });

  it('canonical serialisation sorts keys at every level, keeps array order and refuses non-JSON numbers', () => {
    assert.equal(canonicalJson({ b: [{ d: 1, c: 2 }], a: 'é\n', ä: true, A: null }), '{"A":null,"a":"é\\n","b":[{"c":2,"d":1}],"ä":true}');
    assert.throws(() => canonicalJson({ n: Number.NaN }), /NaN/);
    assert.throws(() => canonicalJson({ n: Infinity }), /Infinity/);
    assert.throws(() => canonicalJson({ n: 1n }), /bigint/);
  });

  it('finds the log from $CARTOGRAPH_AUDIT_LOG, else under the home folder', () => {
    assert.equal(defaultAuditLogPath({ CARTOGRAPH_AUDIT_LOG: '/x/audit.jsonl' }), '/x/audit.jsonl');
    assert.equal(defaultAuditLogPath({}), path.join(os.homedir(), '.cartograph', 'audit.jsonl'));
  });

  it('names the operating-system user as the actor', () => {
    const actor = currentActor('machine-1');
    assert.equal(typeof actor.user, 'string');
    assert.ok(actor.user.length > 0);
    assert.equal(actor.machineId, 'machine-1');
    assert.ok(!('machineId' in currentActor()));
  });
});
