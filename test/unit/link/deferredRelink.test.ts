/**
 * Linking a large workspace to a large snapshot costs more than a keystroke may. The live-state
 * service then answers an edit with the links from before it and links again once typing pauses;
 * these tests hold it to that, and to linking at once when linking is cheap or a fresh answer is asked.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LiveStateService } from '../../../server/lsp/liveStateService';
import type { HclParser } from '../../../server/terraform/hclParser';
import type { WorkspaceIndex } from '../../../server/terraform/workspaceIndex';
import { modelText } from '../../../server/workspace/parseFile';
import { indexFolder, linkTestParsers } from './loadFolder';

const root = path.join(__dirname, '../../../examples/terraform');
const snapshotFile = path.join(__dirname, '../../../examples/snapshot/aws-northwind-production.json');
const computeFile = path.join(root, 'compute.tf');

let parsers: { terraform: HclParser; hcl: HclParser };
before(async () => {
  parsers = await linkTestParsers();
});

/** Sets the bastion's declared instance type, as an edit of compute.tf would. */
function setBastionType(index: WorkspaceIndex, type: string): void {
  const text = fs.readFileSync(computeFile, 'utf8').replace('instance_type               = "t3.micro"', `instance_type               = "${type}"`);
  index.setFile(modelText(parsers, text, URI.file(computeFile).toString()));
}

async function service(index: WorkspaceIndex, timing: { slowLinkMs: number; relinkDelayMs: number }): Promise<LiveStateService> {
  const live = new LiveStateService(() => index, () => [root], () => undefined, timing);
  // Drift through Name tags and unique attributes: the state file would link the demo too, this keeps the test on the snapshot alone.
  live.settings = { snapshot: snapshotFile, statePath: path.join(root, 'no-such.tfstate'), driftSeverity: 'warning' };
  assert.equal(await live.load(), true);
  return live;
}

const bastionTypeDrift = (live: LiveStateService): string | undefined =>
  live.current()?.drift.items.find((d) => d.kind === 'attribute' && d.address === 'aws_instance.bastion' && d.attribute === 'instance_type')?.declared;

describe('live state: linking again after typing pauses', () => {
  it('answers an edit with the earlier links while linking is slow, then links again and says so', async () => {
    const index = await indexFolder(root);
    // Every link counts as slow here, so that the demo shows what a large workspace does.
    const live = await service(index, { slowLinkMs: -1, relinkDelayMs: 30 });
    const before = live.current();
    assert.ok(before && before.links.links.length > 0, 'the demo links to its snapshot');
    assert.equal(bastionTypeDrift(live), undefined, 'no drift on the bastion to begin with');

    const relinked = new Promise<void>((resolve) => (live.onRelinked = resolve));
    setBastionType(index, 't3.nano');
    assert.equal(live.current()?.links, before.links, 'the edit is answered with the links from before it');
    await relinked;
    assert.notEqual(live.current()?.links, before.links);
    assert.equal(bastionTypeDrift(live), '"t3.nano"', 'after the pause the new drift shows');
  });

  it('links at once when linking is quick, and whenever a fresh answer is asked for', async () => {
    const index = await indexFolder(root);
    const quick = await service(index, { slowLinkMs: 60_000, relinkDelayMs: 30 });
    quick.current();
    setBastionType(index, 't3.nano');
    assert.equal(bastionTypeDrift(quick), '"t3.nano"');

    const slow = await service(index, { slowLinkMs: -1, relinkDelayMs: 60_000 });
    slow.current();
    setBastionType(index, 't3.small');
    assert.equal(slow.current({ fresh: true })?.drift.items.find((d) => d.address === 'aws_instance.bastion' && d.attribute === 'instance_type')?.declared, '"t3.small"');
  });
});
