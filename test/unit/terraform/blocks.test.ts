import * as assert from 'node:assert/strict';
import { HclParser } from '../../../server/terraform/hclParser';
import { topLevelBlocks } from '../../../server/terraform/blocks';

describe('top-level blocks', () => {
  it('lists kinds, labels and the range of the declaration', async () => {
    const parser = await HclParser.create('terraform');
    const tree = parser.parse('locals {\n  a = 1\n}\n\nresource "aws_vpc" "main" {\n}\nmodule "net" { source = "./net" }\n');
    const blocks = topLevelBlocks(tree);
    assert.deepEqual(
      blocks.map((b) => [b.kind, b.labels]),
      [
        ['locals', []],
        ['resource', ['aws_vpc', 'main']],
        ['module', ['net']],
      ],
    );
    assert.deepEqual(blocks[1].selectionRange, { start: { line: 4, character: 0 }, end: { line: 4, character: 25 } });
    assert.deepEqual(blocks[1].range.end, { line: 5, character: 1 });
    tree.delete();
    parser.delete();
  });
});
