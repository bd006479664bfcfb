import * as assert from 'node:assert/strict';
import { HclParser, pointAt, type TextEdit } from '../../../server/terraform/hclParser';

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const sample = `# Network
resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
  tags       = merge(local.tags, { Name = "main-é" })
}

resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  user_data  = <<EOT
#!/bin/bash
echo "\${var.env}"
EOT
}
`;

describe('incremental re-parse', () => {
  let parser: HclParser;
  before(async () => {
    parser = await HclParser.create('terraform');
  });
  after(() => parser.delete());

  it('computes rows and UTF-16 columns of offsets', () => {
    assert.deepEqual(pointAt('ab\ncd😀e', 0), { row: 0, column: 0 });
    assert.deepEqual(pointAt('ab\ncd😀e', 3), { row: 1, column: 0 });
    assert.deepEqual(pointAt('ab\ncd😀e', 7), { row: 1, column: 4 });
  });

  it('gives the same tree as a fresh parse after 300 random edits', () => {
    const next = random(42);
    const pieces = ['"', '{', '}', '\n', ' = ', 'x', '${', '#', 'é', '😀', '<<EOT\n', ''];
    let text = sample;
    let tree = parser.parse(text);
    for (let i = 0; i < 300; i++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(next() * 4));
      // Never split a surrogate pair: editors do not either.
      if (/[\uDC00-\uDFFF]/.test(text[start] ?? '') || /[\uDC00-\uDFFF]/.test(text[end] ?? '')) continue;
      const edits: TextEdit[] = [{ start, end, newText: pieces[Math.floor(next() * pieces.length)] }];
      const result = parser.reparse(tree, text, edits);
      tree.delete();
      tree = result.tree;
      text = result.text;
      const fresh = parser.parse(text);
      assert.equal(tree.rootNode.toString(), fresh.rootNode.toString(), `edit ${i} (seed 42) diverged`);
      fresh.delete();
    }
    tree.delete();
  });

  it('applies several edits in LSP order, each against the text the previous left', () => {
    const text = 'a = 1\nb = 2\n';
    const tree = parser.parse(text);
    const result = parser.reparse(tree, text, [
      { start: 4, end: 5, newText: '10' },
      { start: 11, end: 12, newText: '20' },
    ]);
    assert.equal(result.text, 'a = 10\nb = 20\n');
    const fresh = parser.parse(result.text);
    assert.equal(result.tree.rootNode.toString(), fresh.rootNode.toString());
    for (const t of [tree, result.tree, fresh]) t.delete();
  });
});
