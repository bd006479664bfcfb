import * as assert from 'node:assert/strict';
import { loadPgParser, parseSqlStatements } from '../../../server/sql/pgParser';
import { findPii, luhn } from '../../../server/sql/piiLiterals';
import { schemaFromSql } from '../../../server/sql/schema';
import { seedFromCsv, seedFromSql } from '../../../server/sql/seedData';
import { TextPositions } from '../../../server/sql/textPositions';

describe('SQL text: statements, positions, schema, seed and personal data', () => {
  before(() => loadPgParser());

  it('converts libpg-query byte offsets to UTF-16 lines and characters', () => {
    const text = "SELECT 'é😀' AS x,\n  naïve FROM t";
    const positions = new TextPositions(text);
    const byte = Buffer.byteLength("SELECT 'é😀' AS x,\n  ");
    assert.deepEqual(positions.positionAt(positions.offsetOfByte(byte)), { line: 1, character: 2 });
    assert.equal(positions.offsetOfByte(Buffer.byteLength("SELECT 'é😀'")), "SELECT 'é😀'".length);
  });

  it('splits a file into statements with exact ranges, and keeps the good ones when one is broken', () => {
    const text = "-- first\nSELECT 'ü' FROM a;\n\nSELECT FROM WHERE;\nSELECT 2 -- two\n";
    const statements = parseSqlStatements(text);
    assert.deepEqual(
      statements.map((s) => [s.text, s.range.start.line, s.range.start.character, s.ast !== undefined]),
      [
        ["SELECT 'ü' FROM a", 1, 0, true],
        ['SELECT FROM WHERE', 3, 0, false],
        ['SELECT 2', 4, 0, true],
      ],
    );
    assert.match(statements[1].error?.message ?? '', /syntax error at or near "WHERE"/);
    assert.equal(statements[1].error?.offset, text.indexOf('WHERE'));
  });

  it('reads tables and columns from CREATE TABLE, with types as written', () => {
    const schema = schemaFromSql([{ path: 's.sql', text: 'CREATE TABLE t (id bigint PRIMARY KEY, amount numeric(10,2), tags text[], CONSTRAINT c CHECK (id > 0));\nCREATE TABLE other.x (a int);\nCREATE TABLE public.p (a int);\nCREATE TABLE pg_catalog.c (a int);' }]);
    // A table outside `public` is named with its schema; the system catalogs are never the workspace's.
    assert.deepEqual([...schema.tables.keys()], ['t', 'other.x', 'p']);
    assert.deepEqual([schema.tables.get('other.x')?.schema, schema.tables.get('other.x')?.relname, schema.tables.get('p')?.schema], ['other', 'x', undefined]);
    assert.deepEqual(schema.tables.get('t')?.columns.map((c) => `${c.name} ${c.type}`), ['id bigint', 'amount numeric(10,2)', 'tags text[]']);
    assert.deepEqual(schema.tables.get('t')?.columns[1].range, { start: { line: 0, character: 39 }, end: { line: 0, character: 45 } });
  });

  it('takes seed rows from INSERT … VALUES into known tables and from CSV files', () => {
    const schema = schemaFromSql([{ path: 's.sql', text: 'CREATE TABLE t (id int, name text);' }]);
    const seed = seedFromSql([{ path: 'seed.sql', text: "INSERT INTO t VALUES (1, 'a'); INSERT INTO u VALUES (1); INSERT INTO t SELECT * FROM t;" }], schema);
    assert.deepEqual(seed.statements, ["INSERT INTO t VALUES (1, 'a')"]);
    assert.equal(seedFromCsv('t', 'id,name\n1,"O\'Hara, ""Jim"""\n2,\n', schema), "INSERT INTO t (id, name) VALUES\n  ('1', 'O''Hara, \"Jim\"'),\n  ('2', NULL)");
    assert.equal(seedFromCsv('t', 'id,unknown\n1,2\n', schema), undefined);
  });

  it('takes no seed rows from a file of queries: its INSERTs are statements to preview', () => {
    const schema = schemaFromSql([{ path: 's.sql', text: 'CREATE TABLE t (id int, name text);' }]);
    const seed = seedFromSql(
      [
        { path: 'seed.sql', text: "CREATE TABLE t (id int, name text);\nINSERT INTO t VALUES (1, 'a');" },
        { path: 'report.sql', text: "SELECT count(*) FROM t;\nINSERT INTO t VALUES (2, 'b');" },
        { path: 'fix.sql', text: "INSERT INTO t VALUES (3, 'c');\nDELETE FROM t WHERE id = 1;" },
      ],
      schema,
    );
    assert.deepEqual(seed.statements, ["INSERT INTO t VALUES (1, 'a')"]);
    assert.deepEqual(seed.files, ['seed.sql']);
  });

  it('finds international phone numbers and internationalised e-mail addresses', () => {
    const text = "WHERE tel IN ('+44 20 7946 0000', '+33 1 40 00 00 00', '+4915112345678', '+7 (495) 123-45-67') OR e = 'zoë@café.example' OR n > +12 OR v = '+1.2' OR t = '+44 20'";
    assert.deepEqual(
      findPii(text).map((m) => [m.kind, text.slice(m.start, m.end)]),
      [
        ['phone', '+44 20 7946 0000'],
        ['phone', '+33 1 40 00 00 00'],
        ['phone', '+4915112345678'],
        ['phone', '+7 (495) 123-45-67'],
        ['email', 'zoë@café.example'],
      ],
    );
  });

  it('finds e-mail addresses, SSNs, Luhn-valid card numbers and phone numbers, and nothing else', () => {
    const text = "WHERE e = 'ann@corp.example' OR ssn = '123-45-6789' OR card = '4111 1111 1111 1111' OR card = '4111111111111112' OR tel = '+1 (415) 555-0100' OR id = 20240501 OR d = '2024-05-01'";
    assert.deepEqual(
      findPii(text).map((m) => [m.kind, text.slice(m.start, m.end)]),
      [
        ['email', 'ann@corp.example'],
        ['ssn', '123-45-6789'],
        ['card', '4111 1111 1111 1111'],
        ['phone', '+1 (415) 555-0100'],
      ],
    );
    assert.equal(luhn('4000056655665556'), true);
    assert.equal(luhn('4000056655665557'), false);
  });
});
