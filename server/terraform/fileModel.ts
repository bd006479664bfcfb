import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, TextPosition, TextRange } from '../protocol/findings';
import { exprFromNode, referencesIn, type Expr, type Reference } from './expressions';
import { syntaxErrors } from './syntaxErrors';
import { snapshotNode, snapshotTree, type SyntaxNode } from './syntaxSnapshot';

/**
 * The project's own model of one Terraform or tfvars file: its blocks, attributes and expressions,
 * its references and its syntax findings. It is plain data: it outlives the syntax tree (which is
 * freed), crosses worker-thread boundaries, and is what every analysis reads.
 */
export interface FileModel {
  uri: string;
  /** The folder (a Terraform module) holding the file, as a URI without trailing slash. */
  moduleUri: string;
  kind: 'tf' | 'tfvars';
  /** The text's length in UTF-16 code units, to keep ranges inside the document. */
  length: number;
  lineCount: number;
  syntax: Finding[];
  body: BodyModel;
  /** Every reference in the file, with the block path it sits in. */
  references: ReferenceSite[];
  /** Comments, for folding. */
  comments: TextRange[];
}

export interface BodyModel {
  attributes: AttributeModel[];
  blocks: BlockModel[];
}

export interface AttributeModel {
  name: string;
  nameRange: TextRange;
  /** The whole `name = value` line(s). */
  range: TextRange;
  expr: Expr;
}

export interface BlockModel {
  /** `resource`, `variable`, `ingress`, `dynamic`… */
  type: string;
  typeRange: TextRange;
  labels: string[];
  labelRanges: TextRange[];
  range: TextRange;
  body: BodyModel;
}

/** A reference with where it sits: `dynamicIterators` are the names that `dynamic` blocks bind around it. */
export interface ReferenceSite extends Reference {
  /** Index of the top-level block in `FileModel.body.blocks` holding the reference, or -1 for a top-level attribute (tfvars). */
  topBlock: number;
  dynamicIterators: string[];
  /** `provider` for `provider = aws.eu` and module `providers` values, which name provider configurations. */
  role: 'value' | 'provider';
}

/**
 * Attributes whose expressions are not value references: type constraints (`type = list(string)`),
 * lifecycle attribute paths (`ignore_changes = [tags]`), and the old addresses of `moved`/`removed`.
 */
function skipsReferences(blockPath: readonly string[], attribute: string): boolean {
  const [top] = blockPath;
  const here = blockPath[blockPath.length - 1];
  if (top === 'variable' && attribute === 'type' && blockPath.length === 1) return true;
  if (here === 'lifecycle' && attribute === 'ignore_changes') return true;
  if ((top === 'moved' || top === 'removed') && attribute === 'from') return true;
  if (here === 'dynamic' && attribute === 'iterator') return true;
  return false;
}

function referenceRole(blockPath: readonly string[], attribute: string): 'value' | 'provider' {
  const [top] = blockPath;
  if (blockPath.length === 1 && (top === 'resource' || top === 'data' || top === 'module') && (attribute === 'provider' || attribute === 'providers')) return 'provider';
  return 'value';
}

export function rangeOf(node: Node): TextRange {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/**
 * What one top-level node of a file contributes to its model. An open document keeps the list of
 * its last model, so that an edit re-models only the top-level nodes it touched.
 */
interface TopLevelItem {
  start: number;
  end: number;
  type: string;
  inBody: boolean;
  /** Without syntax errors inside: only such items are reused. */
  clean: boolean;
  attribute?: AttributeModel;
  block?: BlockModel;
  comments: TextRange[];
}

/** The top-level items of models built with `keepItems`, and the text they came from. */
const itemsOfModel = new WeakMap<FileModel, { text: string; items: TopLevelItem[] }>();

/**
 * Builds the file model from a parse. `text` is what `tree` was parsed from. With `previous` (the
 * model of the same document before an edit, built with `keepItems`), top-level blocks the edit
 * did not touch are taken from it, their ranges moved, instead of being modelled again.
 */
export function fileModelFromTree(
  tree: Tree,
  uri: string,
  kind: 'tf' | 'tfvars',
  text: string,
  incremental: { keepItems: boolean; previous?: FileModel } = { keepItems: false },
): FileModel {
  const hasError = tree.rootNode.hasError;
  const syntax = (): Finding[] => (hasError ? syntaxErrors(tree) : []);
  const before = incremental.previous ? itemsOfModel.get(incremental.previous) : undefined;
  let items: TopLevelItem[] | undefined;
  if (before) items = itemsAfterEdit(tree, before, text);
  if (!items) {
    // One pass over tree-sitter's memory; everything below reads the plain JavaScript snapshot.
    const root = snapshotTree(tree, text);
    if (!incremental.keepItems) return fileModelFromSnapshot(root, uri, kind, text, syntax());
    items = topLevelNodes(root.children).map(({ node, inBody }) => itemOf(node, inBody));
  }
  const body: BodyModel = { attributes: [], blocks: [] };
  const comments: TextRange[] = [];
  for (const item of items) {
    if (item.attribute) body.attributes.push(item.attribute);
    if (item.block) body.blocks.push(item.block);
    for (const c of item.comments) comments.push(c);
  }
  const model = assemble(uri, kind, text, body, comments, syntax());
  if (incremental.keepItems) itemsOfModel.set(model, { text, items });
  return model;
}

/**
 * Builds the file model from a syntax snapshot of the whole file (`snapshotTree`, or one carried
 * across threads), with the syntax findings of its tree.
 */
export function fileModelFromSnapshot(root: SyntaxNode, uri: string, kind: 'tf' | 'tfvars', text: string, syntax: Finding[]): FileModel {
  const comments: TextRange[] = [];
  collectComments(root, comments);
  const bodyNode = root.children.find((c) => c.type === 'body');
  return assemble(uri, kind, text, bodyNode ? bodyFromNode(bodyNode, 0) : { attributes: [], blocks: [] }, comments, syntax);
}

/**
 * The outline of a file model without its contents, cheap to build: top-level blocks with their
 * labels and ranges and empty bodies, except `module` blocks, whose arguments say where the child
 * module is; top-level attributes (tfvars) without their values. Enough for `summarise`.
 */
export function headerModelFromSnapshot(root: SyntaxNode, uri: string, kind: 'tf' | 'tfvars', text: string): FileModel {
  const body: BodyModel = { attributes: [], blocks: [] };
  const bodyNode = root.children.find((c) => c.type === 'body');
  for (const child of bodyNode?.children ?? []) modelChild(child, 0, body.attributes, body.blocks, true);
  return assemble(uri, kind, text, body, [], []);
}

function assemble(uri: string, kind: 'tf' | 'tfvars', text: string, body: BodyModel, comments: TextRange[], syntax: Finding[]): FileModel {
  const references: ReferenceSite[] = [];
  body.attributes.forEach((a) => collectReferences(a.expr, -1, [], 'value', references));
  body.blocks.forEach((b, index) => collectBlockReferences(b, index, [], [], references));
  let lineCount = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCount++;
  return {
    uri,
    moduleUri: uri.slice(0, uri.lastIndexOf('/')),
    kind,
    length: text.length,
    lineCount,
    syntax,
    body,
    references,
    comments,
  };
}

/**
 * The nodes that items are made of: the children of the file's body, and the other children of
 * the root (comments, errors) in their place. Only the first body counts, as in `bodyFromNode`.
 */
function topLevelNodes<T extends { type: string; children: readonly (T | null)[] }>(rootChildren: readonly (T | null)[]): { node: T; inBody: boolean }[] {
  const out: { node: T; inBody: boolean }[] = [];
  let seenBody = false;
  for (const child of rootChildren) {
    if (!child) continue;
    if (child.type === 'body' && !seenBody) {
      seenBody = true;
      for (const inner of child.children) if (inner) out.push({ node: inner, inBody: true });
    } else {
      out.push({ node: child, inBody: false });
    }
  }
  return out;
}

/** One top-level node's item; outside the body (error recovery) a node adds only its comments. */
function itemOf(node: SyntaxNode, inBody: boolean): TopLevelItem {
  const attributes: AttributeModel[] = [];
  const blocks: BlockModel[] = [];
  if (inBody) modelChild(node, 0, attributes, blocks);
  const comments: TextRange[] = [];
  if (node.type === 'comment') comments.push(node.range());
  else if (node.childCount > 0 && node.type !== 'expression') collectComments(node, comments);
  return { start: node.startIndex, end: node.endIndex, type: node.type, inBody, clean: !node.hasError, attribute: attributes[0], block: blocks[0], comments };
}

/**
 * The top-level items of an edited tree: error-free ones wholly inside the text before or after
 * the edit, whose twin (same place, same type, error-free too) the previous model had, are reused
 * (moved, after the edit); the others are modelled afresh.
 */
function itemsAfterEdit(tree: Tree, before: { text: string; items: TopLevelItem[] }, text: string): TopLevelItem[] {
  const old = before.text;
  const limit = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const delta = text.length - old.length;
  const byStart = new Map(before.items.map((item) => [item.start, item]));
  // Positions after the edit move by whole lines, and on the edit's last line by columns too.
  const oldAfter = positionAt(old, old.length - suffix);
  const newAfter = positionAt(text, text.length - suffix);
  const moved = new Map<TextPosition, TextPosition>();
  const move = (p: TextPosition): TextPosition => {
    let q = moved.get(p);
    if (!q) {
      q = p.line === oldAfter.line ? { line: newAfter.line, character: p.character - oldAfter.character + newAfter.character } : { line: p.line + newAfter.line - oldAfter.line, character: p.character };
      moved.set(p, q);
    }
    return q;
  };
  const items: TopLevelItem[] = [];
  for (const { node, inBody } of topLevelNodes(tree.rootNode.children)) {
    const start = node.startIndex;
    const end = node.endIndex;
    const type = node.type;
    // A node with errors is reused too when its text did not change: re-reading it would give the
    // same items, and in a file left broken while the user types elsewhere that is most of the file.
    const hasError = node.hasError;
    if (end <= prefix) {
      const twin = byStart.get(start);
      if (twin && twin.clean === !hasError && twin.inBody === inBody && twin.end === end && twin.type === type) {
        items.push(twin);
        continue;
      }
    } else if (start >= text.length - suffix) {
      const twin = byStart.get(start - delta);
      if (twin && twin.clean === !hasError && twin.inBody === inBody && twin.end === end - delta && twin.type === type) {
        // When the edit adds or removes no line, only positions on its own line move: a block that
        // starts on a later line is taken as it is (most edits are within a line, and copying the
        // rest of a long file on every keystroke is most of the garbage typing makes).
        const unmoved = newAfter.line === oldAfter.line && (newAfter.character === oldAfter.character || node.startPosition.row > newAfter.line);
        items.push(unmoved ? { ...twin, start, end } : { ...movedCopy(twin, move), start, end });
        continue;
      }
    }
    items.push(itemOf(snapshotNode(node), inBody));
  }
  return items;
}

/** A deep copy of model data with every position (an object of just `line` and `character`) moved; shared positions stay shared. */
function movedCopy<T>(value: T, move: (p: TextPosition) => TextPosition): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => movedCopy(v, move)) as T;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 2 && typeof record.line === 'number' && typeof record.character === 'number') return move(record as unknown as TextPosition) as T;
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = movedCopy(record[key], move);
  return out as T;
}

/** The line and UTF-16 column of an offset. */
function positionAt(text: string, offset: number): TextPosition {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** Deeply nested bodies are cut off here: no real configuration nests blocks this deep. */
const maxBlockDepth = 64;

function bodyFromNode(node: SyntaxNode, depth: number): BodyModel {
  const attributes: AttributeModel[] = [];
  const blocks: BlockModel[] = [];
  for (const child of node.children) modelChild(child, depth, attributes, blocks);
  return { attributes, blocks };
}

/**
 * Adds what one child of a body declares: an attribute, a block, or nothing. `headersOnly` leaves
 * out what `headerModelFromSnapshot` does not need.
 */
function modelChild(child: SyntaxNode, depth: number, attributes: AttributeModel[], blocks: BlockModel[], headersOnly = false): void {
  if (child.type === 'attribute') {
    const nameNode = child.child(0);
    const exprNode = child.children.find((c) => c.type === 'expression') ?? null;
    if (!nameNode || nameNode.type !== 'identifier') return;
    attributes.push({
      name: nameNode.text,
      nameRange: nameNode.range(),
      range: child.range(),
      expr: exprNode && !headersOnly ? exprFromNode(exprNode) : { kind: 'unsupported', range: child.range(), text: '' },
    });
  } else if (child.type === 'block' && depth < maxBlockDepth) {
    const typeNode = child.child(0);
    if (!typeNode || typeNode.type !== 'identifier') return;
    const labels: string[] = [];
    const labelRanges: TextRange[] = [];
    for (let i = 1; i < child.children.length; i++) {
      const part = child.children[i];
      if (part.type === 'string_lit') {
        labels.push(part.children.filter((c) => c.type === 'template_literal').map((c) => c.text).join(''));
        labelRanges.push(insideQuotes(part.range()));
      } else if (part.type === 'identifier') {
        labels.push(part.text);
        labelRanges.push(part.range());
      } else break;
    }
    const inner = child.children.find((c) => c.type === 'body') ?? null;
    blocks.push({
      type: typeNode.text,
      typeRange: typeNode.range(),
      labels,
      labelRanges,
      range: child.range(),
      body: inner && (!headersOnly || typeNode.text === 'module') ? bodyFromNode(inner, depth + 1) : { attributes: [], blocks: [] },
    });
  }
}

/** The range of a one-line quoted label without its quotes, which is what rename replaces. */
function insideQuotes(r: TextRange): TextRange {
  if (r.start.line !== r.end.line || r.end.character - r.start.character < 2) return r;
  return { start: { line: r.start.line, character: r.start.character + 1 }, end: { line: r.end.line, character: r.end.character - 1 } };
}

function collectComments(node: SyntaxNode, out: TextRange[]): void {
  for (const child of node.children) {
    if (child.type === 'comment') out.push(child.range());
    else if (child.childCount > 0 && child.type !== 'expression') collectComments(child, out);
  }
}

function collectReferences(expr: Expr, topBlock: number, dynamicIterators: string[], role: 'value' | 'provider', out: ReferenceSite[]): void {
  for (const r of referencesIn(expr)) out.push({ ...r, topBlock, dynamicIterators, role });
}

/** The name a `dynamic` block's content reads its element by: its `iterator`, else its label. */
export function dynamicIteratorName(block: BlockModel): string | undefined {
  const iterator = block.body.attributes.find((a) => a.name === 'iterator')?.expr;
  return iterator?.kind === 'traversal' && iterator.steps.length === 0 ? iterator.root : block.labels[0];
}

function collectBlockReferences(block: BlockModel, topBlock: number, outerPath: string[], iterators: string[], out: ReferenceSite[]): void {
  const blockPath = [...outerPath, block.type];
  let inner = iterators;
  const iterator = block.type === 'dynamic' && block.labels[0] ? dynamicIteratorName(block) : undefined;
  if (iterator !== undefined) inner = [...iterators, iterator];
  for (const a of block.body.attributes) {
    if (skipsReferences(blockPath, a.name)) continue;
    // The `for_each` of a dynamic block is evaluated outside its own iterator.
    const scope = block.type === 'dynamic' && a.name === 'for_each' ? iterators : inner;
    collectReferences(a.expr, topBlock, scope, referenceRole(blockPath, a.name), out);
  }
  for (const b of block.body.blocks) collectBlockReferences(b, topBlock, blockPath, inner, out);
}
