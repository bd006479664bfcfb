import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { HclParser } from '../../../server/terraform/hclParser';
import { snapshotNode, snapshotTree, type SyntaxNode } from '../../../server/terraform/syntaxSnapshot';

const demo = path.join(__dirname, '..', '..', '..', 'examples', 'terraform');

/** Texts that exercise every kind of token and the parser's error recovery. */
const samples = [
  'a = [for k, v in var.m : k => v... if v != null]\nb = x[*].id\nc = y.*.name\nd = z.0.e\n',
  'e = "${var.a}%{ if var.b }yes%{ else }no%{ endif }%{ for x in var.c }${x}%{ endfor }"\n',
  'f = <<-EOT\n  line ${1 + 2 * 3 / 4 % 5 - -6}\n  EOT\ng = !true && false || 1 < 2 && 3 <= 4 && 5 > 6 && 7 >= 8 && 9 == 9\n',
  'resource "aws_instance" "x" {\n  ami = "unterminated\n}\n',
  'resource "aws_vpc" "v" {\n  cidr_block = \n  tags = { Name = "v"\n',
  'locals {\n  a = (1 + \n  b = [1, 2,\n}\n}}} ]] = = "',
  'variable "x" { default = { a = [1, { b = "c" }], d = cond ? 1 : 2 } }\n',
];

function compare(snapshot: SyntaxNode, node: Node, where: string): void {
  assert.equal(snapshot.type, node.type, where);
  assert.equal(snapshot.isNamed, node.isNamed, `${where} ${node.type} named`);
  assert.equal(snapshot.isMissing, node.isMissing, `${where} ${node.type} missing`);
  assert.equal(snapshot.startIndex, node.startIndex, `${where} ${node.type} start`);
  assert.equal(snapshot.endIndex, node.endIndex, `${where} ${node.type} end`);
  assert.equal(snapshot.children.length, node.childCount, `${where} ${node.type} children`);
  snapshot.children.forEach((child, i) => compare(child, node.child(i)!, `${where}/${i}`));
}

describe('syntax snapshots', () => {
  it('copy every node of the tree as tree-sitter reports it, broken files included', async () => {
    const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
    const texts = [...samples, ...fs.readdirSync(demo).filter((f) => f.endsWith('.tf')).map((f) => fs.readFileSync(path.join(demo, f), 'utf8'))];
    for (const [i, text] of texts.entries()) {
      for (const parser of [parsers.terraform, parsers.hcl]) {
        const tree = parser.parse(text);
        try {
          // A whole tree (flattened as index workers send files, and rebuilt), and each subtree on
          // its own, as an edit snapshots the blocks it touched.
          const snapshot = snapshotTree(tree, text);
          compare(snapshot, tree.rootNode, `text ${i}`);
          for (const node of tree.rootNode.descendantsOfType(['block', 'attribute', 'ERROR'])) {
            const sub = snapshotNode(node!);
            compare(sub, node!, `text ${i} subtree at ${node!.startIndex}`);
            assert.deepEqual(sub.range(), { start: { line: node!.startPosition.row, character: node!.startPosition.column }, end: { line: node!.endPosition.row, character: node!.endPosition.column } });
          }
        } finally {
          tree.delete();
        }
      }
    }
    parsers.terraform.delete();
    parsers.hcl.delete();
  });
});
