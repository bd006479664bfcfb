import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, TextRange } from '../protocol/findings';
import { exprFromNode, referencesIn, type Expr, type Reference } from './expressions';
import { syntaxErrors } from './syntaxErrors';

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

/** Builds the file model from a parse. `text` is what `tree` was parsed from. */
export function fileModelFromTree(tree: Tree, uri: string, kind: 'tf' | 'tfvars', text: string): FileModel {
  const root = tree.rootNode;
  const bodyNode = root.children.find((c) => c?.type === 'body') ?? null;
  const comments: TextRange[] = [];
  collectComments(root, comments);
  const body = bodyNode ? bodyFromNode(bodyNode, 0) : { attributes: [], blocks: [] };
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
    syntax: syntaxErrors(tree),
    body,
    references,
    comments,
  };
}

/** Deeply nested bodies are cut off here: no real configuration nests blocks this deep. */
const maxBlockDepth = 64;

function bodyFromNode(node: Node, depth: number): BodyModel {
  const attributes: AttributeModel[] = [];
  const blocks: BlockModel[] = [];
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'attribute') {
      const nameNode = child.child(0);
      const exprNode = child.children.find((c) => c?.type === 'expression') ?? null;
      if (!nameNode || nameNode.type !== 'identifier') continue;
      attributes.push({
        name: nameNode.text,
        nameRange: rangeOf(nameNode),
        range: rangeOf(child),
        expr: exprNode ? exprFromNode(exprNode) : { kind: 'unsupported', range: rangeOf(child), text: '' },
      });
    } else if (child.type === 'block' && depth < maxBlockDepth) {
      const typeNode = child.child(0);
      if (!typeNode || typeNode.type !== 'identifier') continue;
      const labels: string[] = [];
      const labelRanges: TextRange[] = [];
      for (const part of child.children.slice(1)) {
        if (!part) continue;
        if (part.type === 'string_lit') {
          labels.push(part.children.filter((c): c is Node => c?.type === 'template_literal').map((c) => c.text).join(''));
          labelRanges.push(insideQuotes(rangeOf(part)));
        } else if (part.type === 'identifier') {
          labels.push(part.text);
          labelRanges.push(rangeOf(part));
        } else break;
      }
      const inner = child.children.find((c) => c?.type === 'body') ?? null;
      blocks.push({
        type: typeNode.text,
        typeRange: rangeOf(typeNode),
        labels,
        labelRanges,
        range: rangeOf(child),
        body: inner ? bodyFromNode(inner, depth + 1) : { attributes: [], blocks: [] },
      });
    }
  }
  return { attributes, blocks };
}

/** The range of a one-line quoted label without its quotes, which is what rename replaces. */
function insideQuotes(r: TextRange): TextRange {
  if (r.start.line !== r.end.line || r.end.character - r.start.character < 2) return r;
  return { start: { line: r.start.line, character: r.start.character + 1 }, end: { line: r.end.line, character: r.end.character - 1 } };
}

function collectComments(node: Node, out: TextRange[]): void {
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'comment') out.push(rangeOf(child));
    else if (child.childCount > 0 && child.type !== 'expression') collectComments(child, out);
  }
}

function collectReferences(expr: Expr, topBlock: number, dynamicIterators: string[], role: 'value' | 'provider', out: ReferenceSite[]): void {
  for (const r of referencesIn(expr)) out.push({ ...r, topBlock, dynamicIterators, role });
}

function collectBlockReferences(block: BlockModel, topBlock: number, outerPath: string[], iterators: string[], out: ReferenceSite[]): void {
  const blockPath = [...outerPath, block.type];
  let inner = iterators;
  if (block.type === 'dynamic' && block.labels[0]) {
    const iteratorAttr = block.body.attributes.find((a) => a.name === 'iterator');
    const name = iteratorAttr?.expr.kind === 'traversal' && iteratorAttr.expr.steps.length === 0 ? iteratorAttr.expr.root : block.labels[0];
    inner = [...iterators, name];
  }
  for (const a of block.body.attributes) {
    if (skipsReferences(blockPath, a.name)) continue;
    // The `for_each` of a dynamic block is evaluated outside its own iterator.
    const scope = block.type === 'dynamic' && a.name === 'for_each' ? iterators : inner;
    collectReferences(a.expr, topBlock, scope, referenceRole(blockPath, a.name), out);
  }
  for (const b of block.body.blocks) collectBlockReferences(b, topBlock, blockPath, inner, out);
}
