import type { TextPosition, TextRange } from '../protocol/findings';

/**
 * Converts between the offsets of one text: UTF-8 byte offsets (what libpg-query reports), UTF-16
 * offsets (JavaScript strings) and zero-based line/UTF-16 character positions (LSP).
 */
export class TextPositions {
  private readonly lineStarts: number[] = [0];
  /** UTF-16 offset of each UTF-8 byte offset; absent when the text is ASCII and both agree. */
  private readonly byteToUtf16: Uint32Array | undefined;

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    // ASCII text, the common case, needs no table: every character is one byte and one code unit.
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(text)) return;
    const table = new Uint32Array(Buffer.byteLength(text, 'utf8') + 1);
    let byte = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let width: number;
      if (code < 0x80) width = 1;
      else if (code < 0x800) width = 2;
      else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        // A surrogate pair is one code point of four bytes and two UTF-16 units.
        for (let k = 0; k < 4; k++) table[byte + k] = i;
        byte += 4;
        i++;
        continue;
      } else width = 3;
      for (let k = 0; k < width; k++) table[byte + k] = i;
      byte += width;
    }
    table[byte] = text.length;
    this.byteToUtf16 = table;
  }

  /** The UTF-16 offset of a UTF-8 byte offset (clamped to the text). */
  offsetOfByte(byte: number): number {
    if (byte <= 0) return 0;
    if (!this.byteToUtf16) return Math.min(byte, this.text.length);
    return this.byteToUtf16[Math.min(byte, this.byteToUtf16.length - 1)];
  }

  /** The UTF-8 byte offset of a UTF-16 offset. */
  byteOfOffset(offset: number): number {
    return Buffer.byteLength(this.text.slice(0, offset), 'utf8');
  }

  /** The line and UTF-16 character of a UTF-16 offset. */
  positionAt(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  /** The UTF-16 offset of a line and character. */
  offsetAt(position: TextPosition): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, position.line)];
    return Math.min(start + Math.max(0, position.character), this.text.length);
  }

  /** The range of a UTF-16 span. */
  range(start: number, end: number): TextRange {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The range of a UTF-8 byte span. */
  byteRange(startByte: number, endByte: number): TextRange {
    return this.range(this.offsetOfByte(startByte), this.offsetOfByte(endByte));
  }
}
