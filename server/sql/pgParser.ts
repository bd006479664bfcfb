/**
 * The real Postgres parser (libpg-query, compiled to WebAssembly) and the matching deparser
 * (pgsql-deparser), both for Postgres 18's AST, the version PGlite runs. Statements of a file are
 * returned with their UTF-16 ranges; a statement that does not parse is returned with its error so
 * that one broken statement does not hide the others.
 */
import { loadModule, parseSync, scanSync } from 'libpg-query';
import { deparseSync } from 'pgsql-deparser';
import type { TextRange } from '../protocol/findings';
import { TextPositions } from './textPositions';

/** A node of the Postgres AST as libpg-query returns it: `{ SelectStmt: { … } }`. */
export type PgNode = Record<string, unknown>;

/** One statement of a SQL text. */
export interface SqlStatement {
  /** UTF-16 offsets of the statement's text, without the trailing `;`. */
  start: number;
  end: number;
  range: TextRange;
  /** The statement's source text. */
  text: string;
  /** The statement's AST (the wrapped node, e.g. `{ SelectStmt: … }`); absent when it does not parse. */
  ast?: PgNode;
  /** Why the statement does not parse, with the UTF-16 offset in the whole text where Postgres stopped. */
  error?: { message: string; offset: number };
  /** The UTF-16 offset in the whole text of a `location` (a UTF-8 byte offset) found in `ast`. */
  offsetOfLocation(location: number): number;
}

let loaded: Promise<void> | undefined;

/** Loads the parser's WebAssembly once per process; every other function here needs it loaded. */
export function loadPgParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

interface RawStmt {
  stmt?: PgNode;
  stmt_location?: number;
  stmt_len?: number;
}

interface ScanToken {
  start: number;
  end: number;
  tokenName: string;
}

interface SqlErrorLike {
  message: string;
  sqlDetails?: { cursorPosition?: number };
}

/** Parses one SQL text into statements (requires `loadPgParser()` to have finished). */
export function parseSqlStatements(text: string, positions = new TextPositions(text)): SqlStatement[] {
  if (text.trim() === '') return [];
  try {
    const result = parseSync(text) as { stmts?: RawStmt[] };
    return (result.stmts ?? []).map((raw) => statementFromRaw(raw, 0, positions));
  } catch {
    // The file has at least one broken statement: find its statements with the scanner, which
    // knows strings, comments and dollar quotes, and parse each one alone.
    return splitAndParse(text, positions);
  }
}

function statementFromRaw(raw: RawStmt, baseByte: number, positions: TextPositions): SqlStatement {
  const startByte = baseByte + (raw.stmt_location ?? 0);
  // The first statement starts at 0, before any blank line or comment that precedes it.
  const startOffset = skipBlanks(positions.text, positions.offsetOfByte(startByte));
  let endOffset = raw.stmt_len === undefined || raw.stmt_len === 0 ? positions.text.length : positions.offsetOfByte(startByte + raw.stmt_len);
  // The last statement runs to the end of the text, trailing blanks and comments included.
  endOffset = trimEnd(positions.text, startOffset, endOffset);
  return {
    start: startOffset,
    end: endOffset,
    range: positions.range(startOffset, endOffset),
    text: positions.text.slice(startOffset, endOffset),
    ast: raw.stmt,
    offsetOfLocation: (location) => positions.offsetOfByte(baseByte + location),
  };
}

function skipBlanks(text: string, from: number): number {
  let at = from;
  for (;;) {
    while (at < text.length && /\s/.test(text[at])) at++;
    if (text.startsWith('--', at)) {
      const newline = text.indexOf('\n', at);
      at = newline === -1 ? text.length : newline + 1;
    } else if (text.startsWith('/*', at)) {
      const close = text.indexOf('*/', at + 2);
      at = close === -1 ? text.length : close + 2;
    } else return at;
  }
}

function trimEnd(text: string, start: number, end: number): number {
  let stop = end;
  for (;;) {
    while (stop > start && /\s/.test(text[stop - 1])) stop--;
    // A trailing `-- comment` line belongs to no statement.
    const lineStart = text.lastIndexOf('\n', stop - 1) + 1;
    const line = text.slice(Math.max(lineStart, start), stop);
    const comment = commentStart(line);
    if (comment === undefined || lineStart < start) return stop;
    const cut = Math.max(lineStart, start) + comment;
    if (cut === stop) return stop;
    stop = cut;
  }
}

/** Where a `--` comment starts on a line, outside quotes. */
function commentStart(line: string): number | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '-' && line[i + 1] === '-') return i;
  }
  return undefined;
}

function splitAndParse(text: string, positions: TextPositions): SqlStatement[] {
  const pieces: { start: number; end: number }[] = [];
  let tokens: ScanToken[] | undefined;
  try {
    tokens = (scanSync(text) as { tokens?: ScanToken[] }).tokens ?? [];
  } catch {
    tokens = undefined;
  }
  if (tokens) {
    let pieceStart: number | undefined;
    let pieceEnd = 0;
    for (const token of tokens) {
      if (token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT') continue;
      if (token.tokenName === 'ASCII_59') {
        if (pieceStart !== undefined) pieces.push({ start: pieceStart, end: pieceEnd });
        pieceStart = undefined;
        continue;
      }
      pieceStart ??= token.start;
      pieceEnd = token.end;
    }
    if (pieceStart !== undefined) pieces.push({ start: pieceStart, end: Buffer.byteLength(text, 'utf8') });
  } else {
    // Even the scanner gave up (an unterminated string or comment): the whole text is one statement.
    const first = text.search(/\S/);
    pieces.push({ start: positions.byteOfOffset(first), end: Buffer.byteLength(text, 'utf8') });
  }
  const statements: SqlStatement[] = [];
  for (const piece of pieces) {
    const startOffset = positions.offsetOfByte(piece.start);
    const endOffset = trimEnd(text, startOffset, positions.offsetOfByte(piece.end));
    const source = text.slice(startOffset, endOffset);
    const sourcePositions = new TextPositions(source);
    const statement: SqlStatement = {
      start: startOffset,
      end: endOffset,
      range: positions.range(startOffset, endOffset),
      text: source,
      offsetOfLocation: (location) => startOffset + sourcePositions.offsetOfByte(location),
    };
    try {
      const result = parseSync(source) as { stmts?: RawStmt[] };
      const raws = result.stmts ?? [];
      if (raws.length === 1) statement.ast = raws[0].stmt;
      else if (raws.length > 1) {
        for (const raw of raws) {
          const inner = statementFromRaw(raw, 0, sourcePositions);
          statements.push({
            ...inner,
            start: inner.start + startOffset,
            end: inner.end + startOffset,
            range: positions.range(inner.start + startOffset, inner.end + startOffset),
            offsetOfLocation: (location) => startOffset + sourcePositions.offsetOfByte(location),
          });
        }
        continue;
      }
    } catch (error) {
      statement.error = { message: errorMessage(error), offset: startOffset + errorOffset(error, source) };
    }
    statements.push(statement);
  }
  return statements;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The UTF-16 offset in `source` where Postgres stopped. Postgres counts the cursor in characters
 * (code points) from 1; libpg-query passes it on from 0.
 */
function errorOffset(error: unknown, source: string): number {
  const cursor = (error as SqlErrorLike).sqlDetails?.cursorPosition;
  if (cursor === undefined || cursor < 0) return 0;
  let offset = 0;
  for (let cp = 0; cp < cursor && offset < source.length; cp++) {
    const code = source.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return Math.min(offset, source.length);
}

/** Parses one expression, e.g. a row filter, by parsing `SELECT 1 WHERE <expression>`. */
export function parseExpression(expression: string): { ast?: PgNode; error?: { message: string; offset: number } } {
  const prefix = 'SELECT 1 WHERE ';
  try {
    const result = parseSync(prefix + expression) as { stmts?: RawStmt[] };
    const stmts = result.stmts ?? [];
    const select = stmts.length === 1 ? (stmts[0].stmt?.SelectStmt as { whereClause?: PgNode; targetList?: unknown[]; fromClause?: unknown[] } | undefined) : undefined;
    if (!select?.whereClause || select.fromClause || (select.targetList?.length ?? 0) !== 1) {
      return { error: { message: 'is not a single condition', offset: 0 } };
    }
    return { ast: select.whereClause };
  } catch (error) {
    return { error: { message: errorMessage(error), offset: Math.max(0, errorOffset(error, prefix + expression) - prefix.length) } };
  }
}

/** Parses SQL that Cartograph itself wrote; a failure here is a bug in Cartograph. */
export function parseTrusted(sql: string): PgNode[] {
  const result = parseSync(sql) as { stmts?: RawStmt[] };
  return (result.stmts ?? []).map((s) => s.stmt as PgNode);
}

/** Writes one statement's AST back as SQL, on one line, exactly as it will run. */
export function deparseStatement(ast: PgNode): string {
  return deparseSync(ast as never, { pretty: false });
}

/** Writes one statement's AST back as SQL over several lines, for reading. */
export function deparsePretty(ast: PgNode): string {
  return deparseSync(ast as never, { pretty: true });
}
