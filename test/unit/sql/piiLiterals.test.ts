import * as assert from 'node:assert/strict';
import { findPii } from '../../../server/sql/piiLiterals';

describe('PII literals in query text', () => {
  it('finds e-mail addresses wherever a quoted or bracketed literal holds them', () => {
    const text = "SELECT * FROM customers WHERE email = 'orders@harbour.example' OR f(a.b+tag@mail.example.org)";
    assert.deepEqual(findPii(text).map((m) => text.slice(m.start, m.end)), ['orders@harbour.example', 'a.b+tag@mail.example.org']);
  });

  it('scans a long unterminated identifier once (a fuzzing find: it used to rescan the run at every position)', () => {
    const text = `a = "${'x'.repeat(200_000)}`;
    assert.deepEqual(findPii(text), []);
    assert.deepEqual(findPii(`${text}@example.com`).map((m) => m.kind), ['email']);
  });
});
