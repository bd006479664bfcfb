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

/**
 * The type names and named-ness of a language's symbols, and which are tokens, read once per
 * language. Tokens are leaves of every tree. Tree-sitter numbers a grammar's tokens before its
 * rules, and the lookahead iterator of the error state (0) lists the tokens (all but the keyword
 * token, `identifier` here): every symbol up to the last one it lists is a token.
 */
const symbolTables = new WeakMap<object, { types: string[]; named: boolean[]; token: boolean[] }>();

function symbolTable(tree: Tree): { types: string[]; named: boolean[]; token: boolean[] } {
  const language = tree.language;
  let table = symbolTables.get(language);
  if (!table) {
    const types = language.types.slice();
    const named = types.map((_, id) => language.nodeTypeIsNamed(id));
    let lastToken = -1;
    const lookahead = language.lookaheadIterator(0);
    if (lookahead) {
      try {
        const symbols = lookahead[Symbol.iterator]();
        for (let step = symbols.next(); step.done !== true; step = symbols.next()) {
          const id = lookahead.currentTypeId;
          if (id !== null && id < types.length) lastToken = Math.max(lastToken, id);
        }
      } finally {
        lookahead.delete();
      }
    }
    const token = types.map((_, id) => id <= lastToken);
    table = { types, named, token };
    symbolTables.set(language, table);
  }
  return table;
}

/** Snapshots a whole tree; `text` is what it was parsed from. */
export function snapshotTree(tree: Tree, text: string): SyntaxNode {
  return unflattenSnapshot(flatSnapshotOfTree(tree), text);
}

/** Snapshots the subtree under one node (for callers that hold a web-tree-sitter node). */
export function snapshotNode(node: Node): SyntaxNode {
  const cursor = node.walk();
  try {
    const source = new SnapshotSource(node.text, node.startIndex, { line: node.startPosition.row, character: node.startPosition.column });
    return rebuild(flatten(cursor, node.tree, node.hasError), source, () => true);
  } finally {
    cursor.delete();
  }
}

/**
 * A whole-file snapshot flattened for carrying across threads and keeping packed: its nodes in
 * pre-order, four integers each (type index with the named and missing flags; start, as the
 * distance from the previous node's start; length; child count), and the type names they index.
 * Small integers, so that it deflates well. A worker makes it straight from the tree, without a
 * node object, and sends it rather than the file model: the model is built from it when a feature
 * reads the file, at about the cost of deserialising one.
 */
export interface FlatSnapshot {
  types: string[];
  nodes: Int32Array;
}

const namedFlag = 1 << 16;
const missingFlag = 1 << 17;

/** Flattens a whole tree with one cursor walk. */
export function flatSnapshotOfTree(tree: Tree): FlatSnapshot {
  const cursor = tree.walk();
  try {
    return flatten(cursor, tree, tree.rootNode.hasError);
  } finally {
    cursor.delete();
  }
}

/**
 * Flattens the subtree a cursor is rooted at. Every call into WebAssembly counts here: without
 * errors in the tree no node is missing, a token has no children, and a token the grammar spells
 * out (`=`, `{`, `for`) is its type's text, unless the parser made it up (missing). (Otherwise a
 * node's extent cannot be taken from its children: hidden tokens, such as the digits of a legacy
 * `.0` index, and error recovery leave nodes longer than their visible children.) Iterative, so
 * that deeply nested (or hostile) input cannot overflow the stack.
 */
function flatten(cursor: TreeCursor, tree: Tree, mayHaveErrors: boolean): FlatSnapshot {
  const { types: languageTypes, named, token } = symbolTable(tree);
  const types: string[] = [];
  // Language type id (65535 for an error node) -> index in `types`.
  const local = new Map<number, number>();
  // Grown as needed: a subtree an edit touched holds a few dozen nodes, a file thousands.
  let nodes = new Int32Array(1 << 10);
  let at = 0;
  let previousStart = 0;
  const open: number[] = [];
  for (;;) {
    const id = cursor.nodeTypeId;
    let index = local.get(id);
    if (index === undefined) {
      index = types.length;
      types.push(languageTypes[id] ?? 'ERROR');
      local.set(id, index);
    }
    const isNamed = named[id] ?? true;
    const missing = mayHaveErrors && cursor.nodeIsMissing;
    const start = cursor.startIndex;
    const isToken = token[id] === true;
    const end = isToken && !isNamed && !missing ? start + types[index].length : cursor.endIndex;
    if (at + 4 > nodes.length) {
      const grown = new Int32Array(nodes.length * 2);
      grown.set(nodes);
      nodes = grown;
    }
    nodes[at] = index | (isNamed ? namedFlag : 0) | (missing ? missingFlag : 0);
    nodes[at + 1] = start - previousStart;
    nodes[at + 2] = end - start;
    nodes[at + 3] = 0;
    previousStart = start;
    if (open.length > 0) nodes[open[open.length - 1] + 3]++;
    const here = at;
    at += 4;
    if (!isToken && cursor.gotoFirstChild()) {
      open.push(here);
      continue;
    }
    for (;;) {
      if (cursor.gotoNextSibling()) break;
      if (open.length === 0) return { types, nodes: nodes.slice(0, at) };
      open.pop();
      cursor.gotoParent();
    }
  }
}

/** The snapshot a `FlatSnapshot` was made from, over `text` (the whole file). */
export function unflattenSnapshot(flat: FlatSnapshot, text: string): SyntaxNode {
  return rebuild(flat, new SnapshotSource(text), () => true);
}

/**
 * The top of a file's snapshot: the root, the body and its items, each item's own children (a
 * block's type, labels and body node), and the whole of every `module` block; below that nodes
 * have no children. What `headerModelFromSnapshot` reads, without building the rest.
 */
export function headerOfSnapshot(flat: FlatSnapshot, text: string): SyntaxNode {
  // Depth 0 is the root, 1 the body, 2 an item, 3 a block's type, labels and body; a label's text is below it.
  return rebuild(flat, new SnapshotSource(text), (node, depth, parent) => depth < 3 || (depth === 3 && node.type === 'string_lit') || parent.moduleBlock);
}

interface Rebuilt {
  node: SyntaxNode;
  waiting: number;
  depth: number;
  /** Inside a `module` block (header rebuilds keep those whole). */
  moduleBlock: boolean;
}

function rebuild(flat: FlatSnapshot, source: SnapshotSource, keepChildren: (node: SyntaxNode, depth: number, parent: Rebuilt) => boolean): SyntaxNode {
  const { types, nodes } = flat;
  let start = 0;
  const make = (at: number): SyntaxNode => {
    const head = nodes[at];
    start += nodes[at + 1];
    return new SyntaxNode(types[head & 0xffff], start, start + nodes[at + 2], (head & namedFlag) !== 0, (head & missingFlag) !== 0, source);
  };
  const root = make(0);
  const open: Rebuilt[] = [{ node: root, waiting: nodes[3], depth: 0, moduleBlock: false }];
  let at = 4;
  while (at < nodes.length) {
    let top = open[open.length - 1];
    while (top.waiting === 0) {
      close(open);
      top = open[open.length - 1];
    }
    top.waiting--;
    const node = make(at);
    const childCount = nodes[at + 3];
    at += 4;
    top.node.children.push(node);
    // A top-level block is a module block once its first child (its type) says so.
    if (top.depth === 2 && top.node.type === 'block' && top.node.children.length === 1 && node.text === 'module') top.moduleBlock = true;
    if (keepChildren(node, top.depth + 1, top)) {
      open.push({ node, waiting: childCount, depth: top.depth + 1, moduleBlock: top.moduleBlock });
    } else {
      // Skip the subtree, keeping the running start offset.
      for (let pending = childCount; pending > 0; pending--, at += 4) {
        start += nodes[at + 1];
        pending += nodes[at + 3];
      }
    }
  }
  while (open.length > 0) close(open);
  return root;
}

function close(open: Rebuilt[]): void {
  const done = open.pop()!.node;
  if (!done.hasError) done.hasError = done.children.some((c) => c.hasError);
}
