import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import type { TextPosition, TextRange } from '../protocol/findings';

/**
 * The text a snapshot was taken from, with a table of line starts so that an offset becomes a
 * line and UTF-16 column without asking tree-sitter (every `startPosition`/`endPosition` of
 * web-tree-sitter is a call into WebAssembly). A snapshot of a subtree covers only that subtree's
 * text: `base` is the offset of its first character and `basePosition` where that character sits.
 */
export class SnapshotSource {
  private readonly lineStarts: number[] = [0];
  /** Positions are shared between the ranges that start or end at the same offset: models hold many. */
  private readonly positions = new Map<number, TextPosition>();

  constructor(
    readonly text: string,
    readonly base = 0,
    private readonly basePosition: TextPosition = { line: 0, character: 0 },
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** The text between two offsets of the file. */
  slice(start: number, end: number): string {
    return this.text.slice(start - this.base, end - this.base);
  }

  /** The line and UTF-16 column of an offset of the file. */
  position(offset: number): TextPosition {
    let known = this.positions.get(offset);
    if (known) return known;
    const local = offset - this.base;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= local) low = mid;
      else high = mid - 1;
    }
    known = low === 0
      ? { line: this.basePosition.line, character: this.basePosition.character + local }
      : { line: this.basePosition.line + low, character: local - this.lineStarts[low] };
    this.positions.set(offset, known);
    return known;
  }

  range(start: number, end: number): TextRange {
    return { start: this.position(start), end: this.position(end) };
  }
}

/**
 * A syntax node copied out of tree-sitter's WebAssembly memory, with the subset of web-tree-sitter's
 * `Node` API the model builders read. Reading a web-tree-sitter node's type, children or end
 * crosses into WebAssembly and allocates on every access; a snapshot reads each node once, with a
 * tree cursor, and answers everything after that from plain JavaScript.
 */
export class SyntaxNode {
  readonly children: SyntaxNode[] = [];
  hasError: boolean;

  constructor(
    readonly type: string,
    public startIndex: number,
    public endIndex: number,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly source: SnapshotSource,
  ) {
    this.hasError = isMissing || type === 'ERROR';
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  range(): TextRange {
    return this.source.range(this.startIndex, this.endIndex);
  }
}

/** The type names and named-ness of a language's symbols, read once per language. */
const symbolTables = new WeakMap<object, { types: string[]; named: boolean[] }>();

function symbolTable(tree: Tree): { types: string[]; named: boolean[] } {
  const language = tree.language;
  let table = symbolTables.get(language);
  if (!table) {
    const types = language.types.slice();
    const named = types.map((_, id) => language.nodeTypeIsNamed(id));
    table = { types, named };
    symbolTables.set(language, table);
  }
  return table;
}

/** Snapshots a whole tree; `text` is what it was parsed from. */
export function snapshotTree(tree: Tree, text: string): SyntaxNode {
  const cursor = tree.walk();
  try {
    return walk(cursor, tree, new SnapshotSource(text), tree.rootNode.hasError);
  } finally {
    cursor.delete();
  }
}

/** Snapshots the subtree under one node (for callers that hold a web-tree-sitter node). */
export function snapshotNode(node: Node): SyntaxNode {
  const cursor = node.walk();
  try {
    const source = new SnapshotSource(node.text, node.startIndex, { line: node.startPosition.row, character: node.startPosition.column });
    return walk(cursor, node.tree, source, node.hasError);
  } finally {
    cursor.delete();
  }
}

function walk(cursor: TreeCursor, tree: Tree, source: SnapshotSource, mayHaveErrors: boolean): SyntaxNode {
  const { types, named } = symbolTable(tree);
  // Every call into WebAssembly counts here: without errors in the tree no node is missing. (A
  // node's extent cannot be taken from its children: hidden tokens, such as the digits of a legacy
  // `.0` index, and error recovery leave nodes longer than their visible children.)
  const make = (): SyntaxNode => {
    const id = cursor.nodeTypeId;
    return new SyntaxNode(types[id] ?? 'ERROR', 0, 0, named[id] ?? true, mayHaveErrors && cursor.nodeIsMissing, source);
  };
  const root = make();
  // Iterative, so that deeply nested (or hostile) input cannot overflow the stack.
  const stack: SyntaxNode[] = [];
  let node = root;
  for (;;) {
    node.startIndex = cursor.startIndex;
    node.endIndex = cursor.endIndex;
    if (cursor.gotoFirstChild()) {
      stack.push(node);
    } else {
      while (!cursor.gotoNextSibling()) {
        const done = stack.pop();
        if (!done) return root;
        cursor.gotoParent();
        if (mayHaveErrors && !done.hasError) done.hasError = done.children.some((c) => c.hasError);
      }
    }
    node = make();
    stack[stack.length - 1].children.push(node);
  }
}

/**
 * A whole-file snapshot flattened for carrying across threads and keeping packed: its nodes in
 * pre-order, four integers each (type index with the named and missing flags, start, end, child
 * count), and the type names they index. A worker sends this rather than the file model: the
 * model is built from it when a feature reads the file, at about the cost of deserialising one.
 */
export interface FlatSnapshot {
  types: string[];
  nodes: Int32Array;
}

const namedFlag = 1 << 16;
const missingFlag = 1 << 17;

export function flattenSnapshot(root: SyntaxNode): FlatSnapshot {
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const out: number[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    let index = typeIndex.get(node.type);
    if (index === undefined) {
      index = types.length;
      types.push(node.type);
      typeIndex.set(node.type, index);
    }
    out.push(index | (node.isNamed ? namedFlag : 0) | (node.isMissing ? missingFlag : 0), node.startIndex, node.endIndex, node.children.length);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return { types, nodes: Int32Array.from(out) };
}

/** The snapshot a `FlatSnapshot` was made from, over `text` (the whole file). */
export function unflattenSnapshot(flat: FlatSnapshot, text: string): SyntaxNode {
  const source = new SnapshotSource(text);
  const { types, nodes } = flat;
  const make = (at: number): SyntaxNode => {
    const head = nodes[at];
    return new SyntaxNode(types[head & 0xffff], nodes[at + 1], nodes[at + 2], (head & namedFlag) !== 0, (head & missingFlag) !== 0, source);
  };
  const root = make(0);
  // Open nodes and how many children each still waits for; errors propagate up as they close.
  const open: SyntaxNode[] = [root];
  const waiting: number[] = [nodes[3]];
  for (let at = 4; at < nodes.length; at += 4) {
    while (waiting[waiting.length - 1] === 0) closeNode(open, waiting);
    const node = make(at);
    open[open.length - 1].children.push(node);
    waiting[waiting.length - 1]--;
    open.push(node);
    waiting.push(nodes[at + 3]);
  }
  while (open.length > 0) closeNode(open, waiting);
  return root;
}

function closeNode(open: SyntaxNode[], waiting: number[]): void {
  const done = open.pop()!;
  waiting.pop();
  if (!done.hasError) done.hasError = done.children.some((c) => c.hasError);
}
