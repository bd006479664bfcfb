import { fail, type FunctionContext } from './evaluationError';

/**
 * A small regular-expression engine for the RE2 syntax Terraform's `replace` (and `regex`) use.
 *
 * Why not JavaScript's RegExp: its backtracking can take exponential time on patterns such as
 * `(a+)+$`, and a workspace file must never be able to hang the language server. This engine is a
 * Pike VM (Thompson NFA simulation with submatches): time grows linearly with the input for a given
 * pattern, every step is charged to the evaluation's budget, and RE2's semantics (leftmost-first
 * matches, `$` only at the end of the text, no backreferences) come out right by construction.
 *
 * Supported: literals and escapes, `.`, classes with ranges, negation, `\d\w\s\D\W\S`, POSIX
 * `[[:alpha:]]` classes and Unicode `\pL`/`\p{Greek}`, groups (capturing, `(?:…)`, `(?P<name>…)`,
 * `(?<name>…)`), flags `(?i)`, `(?s)`, `(?m)`, `(?U)` and `(?i:…)`, alternation, the repetitions
 * `* + ? {n} {n,} {n,m}` (lazy with `?`), anchors `^ $ \A \z \b \B`, and `\Q…\E`.
 */

type CharTest = (cp: number) => boolean;

type Ast =
  | { t: 'char'; test: CharTest }
  | { t: 'cat'; items: Ast[] }
  | { t: 'alt'; items: Ast[] }
  | { t: 'rep'; node: Ast; min: number; max: number; greedy: boolean }
  | { t: 'group'; node: Ast; index?: number }
  | { t: 'assert'; kind: AssertKind };

type AssertKind = 'bol' | 'eol' | 'bot' | 'eot' | 'word' | 'notword';

type Inst =
  | { op: 'char'; test: CharTest }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; n: number }
  | { op: 'assert'; kind: AssertKind }
  | { op: 'match' };

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  U: boolean;
}

const maxPatternLength = 2000;
const maxRepeat = 1000;
const maxProgram = 20000;

/** A compiled pattern. */
export class Re2 {
  private constructor(
    private readonly program: Inst[],
    readonly groupCount: number,
    readonly groupNames: ReadonlyMap<string, number>,
  ) {}

  /** Compiles `pattern`; throws EvaluationError for syntax RE2 rejects or this engine does not support. */
  static compile(pattern: string): Re2 {
    if (pattern.length > maxPatternLength) fail(`the regular expression is longer than ${maxPatternLength} characters`);
    const parser = new Parser(pattern);
    const ast = parser.parseAll();
    const program: Inst[] = [];
    const emit = (inst: Inst): number => {
      if (program.length >= maxProgram) fail('the regular expression is too large');
      program.push(inst);
      return program.length - 1;
    };
    compile({ t: 'group', node: ast, index: 0 }, emit, program);
    emit({ op: 'match' });
    return new Re2(program, parser.groupCount, parser.names);
  }

  /**
   * The leftmost-first match at or after `start` in `input` (code points), as start/end positions of
   * the whole match and each group (-1 when a group did not take part), or undefined.
   */
  exec(input: readonly number[], start: number, ctx: FunctionContext): number[] | undefined {
    const size = (this.groupCount + 1) * 2;
    // The threads at each position are deduplicated by instruction; the position is the generation.
    const visited = new Int32Array(this.program.length).fill(-1);
    let current: Thread[] = [];
    let matched: number[] | undefined;
    for (let pos = start; ; pos++) {
      if (matched === undefined) {
        // A new, lowest-priority thread at each position until something matches: leftmost wins.
        this.addThread(current, 0, new Array<number>(size).fill(-1), pos, input, visited);
      }
      if (current.length === 0) {
        if (matched !== undefined || pos >= input.length) break;
        ctx.spend(1);
        continue;
      }
      ctx.spend(1 + current.length / 32);
      const next: Thread[] = [];
      const cp = pos < input.length ? input[pos] : -1;
      for (const thread of current) {
        const inst = this.program[thread.pc];
        if (inst.op === 'match') {
          matched = thread.caps;
          // The threads after this one have lower priority: drop them.
          break;
        }
        if (inst.op === 'char' && cp >= 0 && inst.test(cp)) this.addThread(next, thread.pc + 1, thread.caps, pos + 1, input, visited);
      }
      current = next;
      if (pos >= input.length) break;
    }
    return matched;
  }

  private addThread(list: Thread[], pc: number, caps: number[], pos: number, input: readonly number[], visited: Int32Array): void {
    // An explicit stack keeps the closure iterative; pushing in reverse preserves priority.
    const stack: { pc: number; caps: number[] }[] = [{ pc, caps }];
    while (stack.length > 0) {
      const { pc: at, caps: c } = stack.pop() as { pc: number; caps: number[] };
      if (visited[at] === pos) continue;
      visited[at] = pos;
      const inst = this.program[at];
      switch (inst.op) {
        case 'jmp':
          stack.push({ pc: inst.x, caps: c });
          break;
        case 'split':
          stack.push({ pc: inst.y, caps: c });
          stack.push({ pc: inst.x, caps: c });
          break;
        case 'save': {
          const copy = c.slice();
          if (inst.n < copy.length) copy[inst.n] = pos;
          stack.push({ pc: at + 1, caps: copy });
          break;
        }
        case 'assert':
          if (assertion(inst.kind, input, pos)) stack.push({ pc: at + 1, caps: c });
          break;
        default:
          list.push({ pc: at, caps: c });
      }
    }
  }
}

interface Thread {
  pc: number;
  caps: number[];
}

function isWordChar(cp: number): boolean {
  return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95;
}

function assertion(kind: AssertKind, input: readonly number[], pos: number): boolean {
  switch (kind) {
    case 'bot':
      return pos === 0;
    case 'eot':
      return pos === input.length;
    case 'bol':
      return pos === 0 || input[pos - 1] === 10;
    case 'eol':
      return pos === input.length || input[pos] === 10;
    case 'word':
    case 'notword': {
      const before = pos > 0 && isWordChar(input[pos - 1]);
      const after = pos < input.length && isWordChar(input[pos]);
      return (before !== after) === (kind === 'word');
    }
  }
}

function compile(node: Ast, emit: (inst: Inst) => number, program: Inst[]): void {
  switch (node.t) {
    case 'char':
      emit({ op: 'char', test: node.test });
      return;
    case 'assert':
      emit({ op: 'assert', kind: node.kind });
      return;
    case 'cat':
      for (const item of node.items) compile(item, emit, program);
      return;
    case 'group':
      if (node.index !== undefined) emit({ op: 'save', n: node.index * 2 });
      compile(node.node, emit, program);
      if (node.index !== undefined) emit({ op: 'save', n: node.index * 2 + 1 });
      return;
    case 'alt': {
      const jumps: number[] = [];
      node.items.forEach((item, i) => {
        if (i < node.items.length - 1) {
          const split = emit({ op: 'split', x: 0, y: 0 });
          (program[split] as { x: number }).x = split + 1;
          compile(item, emit, program);
          jumps.push(emit({ op: 'jmp', x: 0 }));
          (program[split] as { y: number }).y = program.length;
        } else {
          compile(item, emit, program);
        }
      });
      for (const j of jumps) (program[j] as { x: number }).x = program.length;
      return;
    }
    case 'rep': {
      for (let i = 0; i < node.min; i++) compile(node.node, emit, program);
      if (node.max === Infinity) {
        const split = emit({ op: 'split', x: 0, y: 0 });
        compile(node.node, emit, program);
        emit({ op: 'jmp', x: split });
        setSplit(program[split], split + 1, program.length, node.greedy);
        return;
      }
      const splits: number[] = [];
      for (let i = node.min; i < node.max; i++) {
        const split = emit({ op: 'split', x: 0, y: 0 });
        splits.push(split);
        compile(node.node, emit, program);
      }
      for (const split of splits) setSplit(program[split], split + 1, program.length, node.greedy);
      return;
    }
  }
}

function setSplit(inst: Inst, body: number, out: number, greedy: boolean): void {
  const split = inst as { x: number; y: number };
  split.x = greedy ? body : out;
  split.y = greedy ? out : body;
}

const perlClasses: Record<string, CharTest> = {
  d: (cp) => cp >= 48 && cp <= 57,
  w: isWordChar,
  s: (cp) => cp === 9 || cp === 10 || cp === 12 || cp === 13 || cp === 32,
};

const posixClasses: Record<string, CharTest> = {
  alnum: (cp) => perlClasses.d(cp) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122),
  alpha: (cp) => (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122),
  ascii: (cp) => cp <= 0x7f,
  blank: (cp) => cp === 9 || cp === 32,
  cntrl: (cp) => cp < 32 || cp === 127,
  digit: perlClasses.d,
  graph: (cp) => cp > 32 && cp < 127,
  lower: (cp) => cp >= 97 && cp <= 122,
  print: (cp) => cp >= 32 && cp < 127,
  punct: (cp) => (cp > 32 && cp < 48) || (cp > 57 && cp < 65) || (cp > 90 && cp < 97) || (cp > 122 && cp < 127),
  space: (cp) => perlClasses.s(cp) || cp === 11,
  upper: (cp) => cp >= 65 && cp <= 90,
  word: isWordChar,
  xdigit: (cp) => perlClasses.d(cp) || (cp >= 65 && cp <= 70) || (cp >= 97 && cp <= 102),
};

function unicodeClass(name: string): CharTest {
  let re: RegExp;
  try {
    // A property escape tests one character at a time: no backtracking can happen here.
    re = new RegExp(`^\\p{${name.length === 1 ? name : name.replace(/[^A-Za-z_=]/g, '')}}$`, 'u');
  } catch {
    return fail(`invalid character class \\p{${name}} in regular expression`);
  }
  return (cp) => re.test(String.fromCodePoint(cp));
}

function foldCase(test: CharTest): CharTest {
  return (cp) => {
    if (test(cp)) return true;
    const ch = String.fromCodePoint(cp);
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    return (lower.length === ch.length && test(lower.codePointAt(0) ?? -1)) || (upper.length === ch.length && test(upper.codePointAt(0) ?? -1));
  };
}

class Parser {
  private readonly chars: number[];
  private at = 0;
  groupCount = 0;
  readonly names = new Map<string, number>();

  constructor(pattern: string) {
    this.chars = Array.from(pattern, (c) => c.codePointAt(0) ?? 0);
  }

  parseAll(): Ast {
    const ast = this.alternation({ i: false, s: false, m: false, U: false });
    if (this.at < this.chars.length) fail('unexpected ) in regular expression');
    return ast;
  }

  private peek(): string | undefined {
    return this.at < this.chars.length ? String.fromCodePoint(this.chars[this.at]) : undefined;
  }

  private take(): string {
    const ch = this.peek();
    if (ch === undefined) fail('the regular expression ends too early');
    this.at++;
    return ch;
  }

  private alternation(flags: Flags): Ast {
    const items = [this.concatenation(flags)];
    while (this.peek() === '|') {
      this.at++;
      items.push(this.concatenation(flags));
    }
    return items.length === 1 ? items[0] : { t: 'alt', items };
  }

  /** Parses a sequence; `flags` is updated in place by `(?i)`-style groups, as RE2 scopes them. */
  private concatenation(flags: Flags): Ast {
    const items: Ast[] = [];
    for (;;) {
      const ch = this.peek();
      if (ch === undefined || ch === '|' || ch === ')') break;
      const atom = this.atom(flags);
      if (atom === undefined) continue;
      items.push(this.repetition(atom, flags));
    }
    return items.length === 1 ? items[0] : { t: 'cat', items };
  }

  private repetition(atom: Ast, flags: Flags): Ast {
    let node = atom;
    for (;;) {
      const ch = this.peek();
      let min: number;
      let max: number;
      if (ch === '*') [min, max] = [0, Infinity];
      else if (ch === '+') [min, max] = [1, Infinity];
      else if (ch === '?') [min, max] = [0, 1];
      else if (ch === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(String.fromCodePoint(...this.chars.slice(this.at, this.at + 16)));
        if (!m) return node; // RE2 reads a `{` that starts no repetition as a literal.
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (min > maxRepeat || (max !== Infinity && (max > maxRepeat || max < min))) fail('invalid repeat count in regular expression');
        this.at += m[0].length - 1;
      } else return node;
      this.at++;
      if (node.t === 'rep') fail('invalid nested repetition operator in regular expression');
      if (node.t === 'assert') fail('a repetition cannot apply to an anchor in this regular expression');
      let greedy = true;
      if (this.peek() === '?') {
        this.at++;
        greedy = false;
      }
      if (flags.U) greedy = !greedy;
      node = { t: 'rep', node, min, max, greedy };
    }
  }

  private atom(flags: Flags): Ast | undefined {
    const ch = this.take();
    switch (ch) {
      case '(':
        return this.group(flags);
      case '[':
        return this.charClass(flags);
      case '.':
        return { t: 'char', test: flags.s ? () => true : (cp) => cp !== 10 };
      case '^':
        return { t: 'assert', kind: flags.m ? 'bol' : 'bot' };
      case '$':
        return { t: 'assert', kind: flags.m ? 'eol' : 'eot' };
      case '\\':
        return this.escape(flags);
      case '*':
      case '+':
      case '?':
        return fail(`missing argument to repetition operator ${ch} in regular expression`);
      default:
        return this.literal(ch.codePointAt(0) ?? 0, flags);
    }
  }

  private literal(cp: number, flags: Flags): Ast {
    const test: CharTest = (c) => c === cp;
    return { t: 'char', test: flags.i ? foldCase(test) : test };
  }

  private group(flags: Flags): Ast | undefined {
    if (this.peek() !== '?') {
      const index = ++this.groupCount;
      const node = this.alternation({ ...flags });
      if (this.peek() !== ')') fail('missing ) in regular expression');
      this.at++;
      return { t: 'group', node, index };
    }
    this.at++;
    const rest = String.fromCodePoint(...this.chars.slice(this.at, this.at + 64));
    const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named) {
      this.at += named[0].length;
      const index = ++this.groupCount;
      this.names.set(named[1], index);
      const node = this.alternation({ ...flags });
      if (this.peek() !== ')') fail('missing ) in regular expression');
      this.at++;
      return { t: 'group', node, index };
    }
    const flagSpec = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
    if (!flagSpec || (flagSpec[1] === '' && flagSpec[2] === undefined && flagSpec[3] === ')')) {
      return fail('invalid or unsupported group syntax (?… in regular expression');
    }
    this.at += flagSpec[0].length;
    const target = flagSpec[3] === ':' ? { ...flags } : flags;
    for (const f of flagSpec[1]) target[f as keyof Flags] = true;
    for (const f of flagSpec[2] ?? '') target[f as keyof Flags] = false;
    if (flagSpec[3] === ')') return undefined; // `(?i)` changes the flags of the rest of the group.
    const node = this.alternation(target);
    if (this.peek() !== ')') fail('missing ) in regular expression');
      this.at++;
    return { t: 'group', node };
  }

  private escape(flags: Flags): Ast {
    const ch = this.take();
    switch (ch) {
      case 'A':
        return { t: 'assert', kind: 'bot' };
      case 'z':
        return { t: 'assert', kind: 'eot' };
      case 'b':
        return { t: 'assert', kind: 'word' };
      case 'B':
        return { t: 'assert', kind: 'notword' };
      case 'Q': {
        const items: Ast[] = [];
        while (this.at < this.chars.length) {
          if (this.peek() === '\\' && String.fromCodePoint(this.chars[this.at + 1] ?? 0) === 'E') {
            this.at += 2;
            break;
          }
          items.push(this.literal(this.chars[this.at++], flags));
        }
        return { t: 'cat', items };
      }
      default: {
        const test = this.escapeTest(ch);
        return { t: 'char', test: flags.i ? foldCase(test) : test };
      }
    }
  }

  /** An escape that stands for one character or a class of them (also used inside `[...]`). */
  private escapeTest(ch: string): CharTest {
    const lower = ch.toLowerCase();
    if (perlClasses[lower] && (ch === lower || ch === ch.toUpperCase())) {
      const base = perlClasses[lower];
      return ch === lower ? base : (cp) => !base(cp);
    }
    if (ch === 'p' || ch === 'P') {
      let name = this.take();
      if (name === '{') {
        name = '';
        while (this.peek() !== '}') name += this.take();
        this.at++;
      }
      const negated = name.startsWith('^') !== (ch === 'P');
      const base = unicodeClass(name.replace(/^\^/, ''));
      return negated ? (cp) => !base(cp) : base;
    }
    const cp = this.escapedCodePoint(ch);
    return (c) => c === cp;
  }

  private escapedCodePoint(ch: string): number {
    switch (ch) {
      case 'n':
        return 10;
      case 't':
        return 9;
      case 'r':
        return 13;
      case 'f':
        return 12;
      case 'v':
        return 11;
      case 'a':
        return 7;
      case 'x': {
        let hex = '';
        if (this.peek() === '{') {
          this.at++;
          while (this.peek() !== '}') hex += this.take();
          this.at++;
        } else {
          hex = this.take() + this.take();
        }
        const value = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (!(value <= 0x10ffff)) fail('invalid escape \\x in regular expression');
        return value;
      }
      default:
        // RE2 allows escaping punctuation only; letters and digits are reserved (no backreferences).
        if (/[A-Za-z0-9]/.test(ch)) fail(`invalid or unsupported escape \\${ch} in regular expression`);
        return ch.codePointAt(0) ?? 0;
    }
  }

  private charClass(flags: Flags): Ast {
    let negated = false;
    if (this.peek() === '^') {
      this.at++;
      negated = true;
    }
    const tests: CharTest[] = [];
    let first = true;
    for (;;) {
      const ch = this.take();
      if (ch === ']' && !first) break;
      first = false;
      if (ch === '[' && this.peek() === ':') {
        const rest = String.fromCodePoint(...this.chars.slice(this.at, this.at + 12));
        const m = /^:(\^?)([a-z]+):\]/.exec(rest);
        if (m && posixClasses[m[2]]) {
          this.at += m[0].length;
          const base = posixClasses[m[2]];
          tests.push(m[1] ? (cp) => !base(cp) : base);
          continue;
        }
      }
      let low: number;
      if (ch === '\\') {
        const esc = this.take();
        if (/[dswDSWpP]/.test(esc)) {
          tests.push(this.escapeTest(esc));
          continue;
        }
        low = this.escapedCodePoint(esc);
      } else {
        low = ch.codePointAt(0) ?? 0;
      }
      if (this.peek() === '-' && String.fromCodePoint(this.chars[this.at + 1] ?? 93) !== ']') {
        this.at++;
        const highCh = this.take();
        const high = highCh === '\\' ? this.escapedCodePoint(this.take()) : (highCh.codePointAt(0) ?? 0);
        if (high < low) fail('invalid character class range in regular expression');
        tests.push((cp) => cp >= low && cp <= high);
      } else {
        tests.push((cp) => cp === low);
      }
    }
    const any: CharTest = (cp) => tests.some((t) => t(cp));
    const cased = flags.i ? foldCase(any) : any;
    return { t: 'char', test: negated ? (cp) => !cased(cp) : cased };
  }
}

/**
 * Go's Regexp.ReplaceAllString: every non-overlapping match replaced, `$1`, `${1}`, `$name` and
 * `${name}` expanded in the replacement, `$$` for a dollar sign.
 */
export function replaceAll(re: Re2, text: string, replacement: string, ctx: FunctionContext): string {
  const input = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  const slice = (from: number, to: number): string => String.fromCodePoint(...input.slice(from, to));
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= input.length) {
    const m = re.exec(input, searchPos, ctx);
    if (!m) break;
    out += slice(lastMatchEnd, m[0]);
    // No replacement for an empty match right after a previous match, as in Go.
    if (m[1] > lastMatchEnd || m[0] === 0) out += expand(re, replacement, m, slice);
    lastMatchEnd = m[1];
    searchPos = searchPos + 1 > m[1] ? searchPos + 1 : m[1];
    ctx.spend(out.length / 256);
  }
  return out + slice(lastMatchEnd, input.length);
}

function expand(re: Re2, template: string, m: number[], slice: (from: number, to: number) => string): string {
  return template.replace(/\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))?/g, (whole, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare;
    if (name === undefined) return '$';
    const index = /^\d+$/.test(name) ? Number(name) : re.groupNames.get(name);
    if (index === undefined || index > re.groupCount || m[index * 2] < 0) return '';
    return slice(m[index * 2], m[index * 2 + 1]);
  });
}

/** Go's FindStringSubmatch for Terraform's `regex`: the first match's groups, or undefined. */
export function firstMatch(re: Re2, text: string, ctx: FunctionContext): (string | undefined)[] | undefined {
  const input = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  const m = re.exec(input, 0, ctx);
  if (!m) return undefined;
  const groups: (string | undefined)[] = [];
  for (let i = 0; i <= re.groupCount; i++) {
    groups.push(m[i * 2] < 0 ? undefined : String.fromCodePoint(...input.slice(m[i * 2], m[i * 2 + 1])));
  }
  return groups;
}
