import * as assert from 'node:assert/strict';
import { groupInventory } from '../../../webview/inventoryGroups';
import type { InventoryBlock } from '../../../server/protocol/customMessages';

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const block = (kind: string, ...labels: string[]): InventoryBlock => ({ kind, labels, uri: 'file:///w/main.tf', selectionRange: at });

describe('webview inventory groups', () => {
  const blocks = [block('resource', 'aws_vpc', 'main'), block('resource', 'aws_vpc', 'analytics'), block('variable', 'env'), block('resource', 'aws_subnet', 'a')];

  it('groups resources by type and other blocks by kind, sorted', () => {
    const groups = groupInventory(blocks, '');
    assert.deepEqual(
      groups.map((g) => [g.title, g.blocks.map((b) => b.labels.join('.'))]),
      [
        ['resource aws_subnet', ['a']],
        ['resource aws_vpc', ['main', 'analytics']],
        ['variable', ['env']],
      ],
    );
  });

  it('filters by type or name, ignoring case', () => {
    assert.deepEqual(groupInventory(blocks, 'ANALYTICS').map((g) => g.blocks.length), [1]);
    assert.deepEqual(groupInventory(blocks, 'nothing'), []);
  });
});
