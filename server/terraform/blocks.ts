import type { Node, Tree } from 'web-tree-sitter';
import type { TextRange } from '../protocol/findings';

/** A top-level Terraform block: `resource "aws_vpc" "main" { … }` is kind `resource`, labels `aws_vpc`, `main`. */
export interface TopLevelBlock {
  kind: string;
  labels: string[];
  /** The whole block. */
  range: TextRange;
  /** The block's type keyword and labels, where "go to definition" lands. */
  selectionRange: TextRange;
}

/** Lists the top-level blocks of a parsed file, skipping any the parser could not make sense of. */
export function topLevelBlocks(tree: Tree): TopLevelBlock[] {
  const body = tree.rootNode.children.find((c) => c?.type === 'body');
  if (!body) return [];
  const blocks: TopLevelBlock[] = [];
  for (const node of body.children) {
    if (!node || node.type !== 'block') continue;
    const kindNode = node.child(0);
    if (!kindNode || kindNode.type !== 'identifier') continue;
    const labels: string[] = [];
    let last: Node = kindNode;
    for (const child of node.children.slice(1)) {
      if (!child) continue;
      if (child.type === 'string_lit') labels.push(stringLiteralValue(child));
      else if (child.type === 'identifier') labels.push(child.text);
      else break;
      last = child;
    }
    blocks.push({
      kind: kindNode.text,
      labels,
      range: rangeOf(node),
      selectionRange: { start: rangeOf(kindNode).start, end: rangeOf(last).end },
    });
  }
  return blocks;
}

function stringLiteralValue(node: Node): string {
  return node.children
    .filter((c): c is Node => c !== null && c.type === 'template_literal')
    .map((c) => c.text)
    .join('');
}

function rangeOf(node: Node): TextRange {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}
