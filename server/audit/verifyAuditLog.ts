/**
 * Checks an audit log's hash chain, streaming: the file is read in chunks and each line is checked
 * and forgotten, so a log of millions of entries needs a few megabytes of memory.
 *
 * Cartograph writes each line as the canonical serialisation of the whole entry, so the canonical
 * serialisation of the entry without `hash` is the line with its `"hash":"…",` member cut out. The
 * fast path hashes exactly those bytes and reads `prevHash` and `seq` from their fixed places at
 * the end of the line, without parsing the JSON; when the hash matches, the bytes are the ones that
 * were hashed when the entry was written. Any line that does not take the fast path (edited,
 * re-serialised with other spacing or key order, CRLF endings, not JSON) is parsed and checked
 * field by field, which also decides the reason it is reported with.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { computeEntryHash, entryShapeProblem, genesisHash } from './auditLog';

export type AuditBreakReason =
  /** The line is not JSON (a blank line, a partial line followed by more, an editor's BOM). */
  | 'not-json'
  /** The line is JSON but lacks a field of an entry, or has an unknown format version. */
  | 'malformed'
  /** The entry's content no longer matches its own hash. */
  | 'edited'
  /** The sequence number is not one more than the previous entry's: entries were removed, repeated or moved. */
  | 'deleted-or-reordered'
  /** The sequence is right but the entry does not link to the previous one: one of them was rewritten and re-hashed. */
  | 'prev-hash-mismatch'
  /** The first line is not a first entry (seq 1, prevHash of 64 zeros): the start of the log was removed. */
  | 'bad-genesis'
  /** The last line has no newline: the file was cut, or a write did not finish. */
  | 'truncated';

export type AuditVerifyResult =
  | {
      ok: true;
      entries: number;
      /** The last entry's seq and hash (0 and 64 zeros for an empty log). Recording them elsewhere
       * lets a later verify notice whole entries cut from the end, which no chain can show. */
      lastSeq: number;
      lastHash: string;
      /** Entries whose line is not byte for byte what Cartograph wrote (another tool re-serialised
       * it: spacing, key order, CRLF) but whose content still matches its hash. */
      reformatted: number;
    }
  | {
      ok: false;
      /** How many entries before the broken one verified. */
      entries: number;
      /** 1-based line number, and the seq the broken line claims when it could be read. */
      brokenAt: { line: number; seq?: number };
      reason: AuditBreakReason;
      message: string;
    };

export interface VerifyOptions {
  /** Bytes read at a time (default 4 MiB); the buffer grows when a single line is longer. */
  chunkSize?: number;
  signal?: AbortSignal;
  /** Called after each chunk, for a progress bar. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Verifies the hash chain of the audit log at `file`. Throws only when the file cannot be read. */
export async function verifyAuditLog(file: string, options: VerifyOptions = {}): Promise<AuditVerifyResult> {
  const chain = new ChainVerifier();
  const handle = await fs.promises.open(file, 'r');
  try {
    const totalBytes = (await handle.stat()).size;
    let buffer = Buffer.allocUnsafe(Math.max(64 * 1024, options.chunkSize ?? 4 * 1024 * 1024));
    let filled = 0;
    let position = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      if (filled === buffer.length) {
        // One line is longer than the buffer: grow it rather than split the line.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      filled += bytesRead;
      // Search only the filled part: the rest of the buffer holds bytes of an earlier chunk.
      const filledPart = buffer.subarray(0, filled);
      let start = 0;
      for (;;) {
        const end = filledPart.indexOf(0x0a, start);
        if (end < 0) break;
        const failure = chain.check(buffer, start, end);
        if (failure !== undefined) return failure;
        start = end + 1;
      }
      buffer.copy(buffer, 0, start, filled);
      filled -= start;
      options.onProgress?.(position, totalBytes);
    }
    if (filled > 0) {
      const seq = chain.readSeqLoosely(buffer.toString('utf8', 0, filled));
      return chain.fail('truncated', seq, `the last line (${filled} bytes) has no line ending: the file was cut, or a write did not finish`);
    }
    return chain.result();
  } finally {
    await handle.close();
  }
}

type BrokenResult = Extract<AuditVerifyResult, { ok: false }>;

// Byte patterns of the canonical line's tail: …,"hash":"<64>","prevHash":"<64>","seq":<n>,"time":"…","v":1}
const hashMember = Buffer.from(',"hash":"');
const prevHashMember = Buffer.from('"prevHash":"');
const seqMember = Buffer.from('","seq":');
const timeMember = Buffer.from(',"time":"');
const versionTail = Buffer.from(',"v":1}');
// `"hash":"<64>",` is what the canonical form without `hash` lacks.
const cutLength = 8 + 64 + 2;
const maxTimeLength = 40;
const minimumLine = 200;
const quote = 0x22;
const comma = 0x2c;

class ChainVerifier {
  private line = 0;
  private entries = 0;
  private lastSeq = 0;
  private lastHash = genesisHash;
  private reformatted = 0;

  /** Checks the line buffer[start, end) (without its newline); returns a failure or undefined. */
  check(buffer: Buffer, start: number, end: number): BrokenResult | undefined {
    this.line++;
    const fast = this.fastPath(buffer, start, end);
    const link = fast ?? this.slowPath(buffer.toString('utf8', start, end));
    if ('ok' in link) return link;
    const failure = this.link(link.seq, link.prevHash, link.hash);
    if (failure === undefined && fast === undefined) this.reformatted++;
    return failure;
  }

  result(): AuditVerifyResult {
    return { ok: true, entries: this.entries, lastSeq: this.lastSeq, lastHash: this.lastHash, reformatted: this.reformatted };
  }

  fail(reason: AuditBreakReason, seq: number | undefined, message: string): BrokenResult {
    const line = reason === 'truncated' ? this.line + 1 : this.line;
    const brokenAt = seq === undefined ? { line } : { line, seq };
    return { ok: false, entries: this.entries, brokenAt, reason, message: `line ${line}: ${message}` };
  }

  /** The seq a damaged line claims, for the report, if a `"seq":<n>` can be found in it. */
  readSeqLoosely(text: string): number | undefined {
    const match = /"seq":(\d{1,15})[,}]/.exec(text);
    return match === null ? undefined : Number(match[1]);
  }

  /**
   * Hashes the line with its hash member cut out; undefined when the line is not laid out as the
   * writer lays it out or the hash differs. The members are found from the end of the line
   * (`…,"hash":"<64>","prevHash":"<64>","seq":<n>,"time":"<t>","v":1}`), and the cut is made by
   * moving the short tail over the hash member inside the read buffer, which is put back when the
   * hash differs so that the slow path sees the line as it is.
   */
  private fastPath(buffer: Buffer, start: number, end: number): Link | undefined {
    const vAt = end - versionTail.length;
    if (vAt - start < minimumLine || !bytesAt(buffer, vAt, versionTail) || buffer[vAt - 1] !== quote) return undefined;
    let timeOpen = vAt - 2;
    const timeLimit = vAt - 2 - maxTimeLength;
    while (timeOpen > timeLimit && buffer[timeOpen] !== quote) timeOpen--;
    const timeAt = timeOpen + 1 - timeMember.length;
    if (!bytesAt(buffer, timeAt, timeMember)) return undefined;
    let seqStart = timeAt;
    let seq = 0;
    for (let scale = 1; isDigitByte(buffer[seqStart - 1]) && scale <= 1e15; scale *= 10) seq += (buffer[--seqStart] - 0x30) * scale;
    const seqAt = seqStart - seqMember.length;
    const prevStart = seqAt - 64;
    const afterHash = prevStart - prevHashMember.length;
    const at = afterHash - cutLength - 1;
    if (seq < 1 || at < start || !bytesAt(buffer, seqAt, seqMember) || !bytesAt(buffer, afterHash, prevHashMember) || !bytesAt(buffer, at, hashMember)) {
      return undefined;
    }
    if (buffer[afterHash - 2] !== quote || buffer[afterHash - 1] !== comma) return undefined;
    const hashStart = at + hashMember.length;
    const hash = buffer.toString('latin1', hashStart, hashStart + 64);
    // Compare the link before the bytes move; the previous hash is only copied out when it differs.
    let linked = true;
    for (let k = 0; k < 64 && linked; k++) linked = buffer[prevStart + k] === this.lastHash.charCodeAt(k);
    const prevHash = linked ? this.lastHash : buffer.toString('latin1', prevStart, prevStart + 64);
    buffer.copyWithin(at + 1, afterHash, end);
    if (crypto.hash('sha256', buffer.subarray(start, end - cutLength), 'hex') !== hash) {
      buffer.copyWithin(afterHash, at + 1, end - cutLength);
      buffer.write(`"hash":"${hash}",`, at + 1, 'latin1');
      return undefined;
    }
    return { seq, prevHash, hash };
  }

  /** Parses the line and checks it field by field. */
  private slowPath(text: string): Link | BrokenResult {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return this.fail('not-json', this.readSeqLoosely(text), `not JSON (${text.length === 0 ? 'an empty line' : why})`);
    }
    const problem = entryShapeProblem(value);
    const record = value as Record<string, unknown>;
    const claimedSeq = typeof record?.seq === 'number' ? record.seq : undefined;
    if (problem !== undefined) return this.fail('malformed', claimedSeq, `not an audit entry: ${problem}`);
    const seq = record.seq as number;
    const hash = record.hash as string;
    if (computeEntryHash(record) !== hash) {
      return this.fail('edited', seq, `entry ${seq} was edited: its content no longer matches its hash ${hash.slice(0, 12)}…`);
    }
    return { seq, prevHash: record.prevHash as string, hash };
  }

  /** Checks that an entry whose own hash holds follows on from the previous one. */
  private link(seq: number, prevHash: string, hash: string): BrokenResult | undefined {
    if (this.line === 1 && (seq !== 1 || prevHash !== genesisHash)) {
      return this.fail(
        'bad-genesis',
        seq,
        seq !== 1
          ? `the log starts at entry ${seq}, not 1: the entries before it were removed`
          : 'the first entry does not start the chain (its prevHash is not 64 zeros)',
      );
    }
    const expected = this.lastSeq + 1;
    if (seq !== expected) {
      const what =
        seq > expected
          ? `${seq - expected === 1 ? `entry ${expected} is` : `entries ${expected}–${seq - 1} are`} missing (deleted) or were moved`
          : `entry ${seq} comes again or out of order (deleted or reordered entries)`;
      return this.fail('deleted-or-reordered', seq, `expected entry ${expected} after entry ${this.lastSeq}, found entry ${seq}: ${what}`);
    }
    if (prevHash !== this.lastHash) {
      return this.fail(
        'prev-hash-mismatch',
        seq,
        `entry ${seq} does not link to entry ${this.lastSeq}: its prevHash ${prevHash.slice(0, 12)}… is not that entry's hash ${this.lastHash.slice(0, 12)}… (one of the two was rewritten and re-hashed, or replaced)`,
      );
    }
    this.entries++;
    this.lastSeq = seq;
    this.lastHash = hash;
    return undefined;
  }
}

interface Link {
  seq: number;
  prevHash: string;
  hash: string;
}

function isDigitByte(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

function bytesAt(buffer: Buffer, at: number, expected: Buffer): boolean {
  if (at < 0 || at + expected.length > buffer.length) return false;
  for (let i = 0; i < expected.length; i++) if (buffer[at + i] !== expected[i]) return false;
  return true;
}
