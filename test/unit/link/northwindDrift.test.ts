import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { driftFindings, driftOf } from '../../../server/link/drift';
import { findLink, linkWorkspace } from '../../../server/link/linker';
import { codeLensesFor, linkHoverMarkdown } from '../../../server/link/linkPresentation';
import { parseTerraformState } from '../../../server/link/tfstate';
import type { CloudSnapshot } from '../../../server/protocol/snapshot';
import { indexFolder } from './loadFolder';

const root = path.join(__dirname, '../../../examples/terraform');
const snapshot = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../examples/snapshot/aws-northwind-production.json'), 'utf8')) as CloudSnapshot;
const statePath = path.join(root, 'terraform.tfstate');
const state = parseTerraformState(fs.readFileSync(statePath, 'utf8'), statePath);

/** The live resources AWS creates with managed ones: both VPCs' default groups and main route tables, and the five interfaces. */
const implicit = [
  'eni-5da2ee55be6d7d347', 'eni-6f09e156e35b0c534', 'eni-80d17ad5e0c20b113', 'eni-97a25ea7d59f1b576', 'eni-fab65936d1f159383',
  'rtb-0bdc94c3f58e4f62f', 'rtb-df8c6f9f1706dc7d1', 'sg-40f16795e37849f1d', 'sg-7b2f28e8a00f1d881',
];

describe('link: the Northwind demo against its recorded snapshot', () => {
  for (const withState of [true, false]) {
    it(`finds exactly the two planted drifts ${withState ? 'through terraform.tfstate' : 'by Name tags and unique attributes'}`, async () => {
      const index = await indexFolder(root);
      const links = linkWorkspace(index, snapshot, withState ? state : undefined);
      assert.equal(links.ambiguous.length, 0);
      assert.equal(links.links.length, withState ? 38 : 37, 'every network, compute, database and load-balancer resource is linked (the peering accepter only through state)');
      if (withState) assert.ok(links.links.every((l) => l.method === 'state' && l.confidence === 'certain'));
      assert.equal(findLink(links, 'aws_instance.app[1]')?.live.id, 'i-c20a73099f90a1a3a');
      assert.equal(findLink(links, 'aws_subnet.analytics_private[0]')?.live.id, 'subnet-da35788860e9ae881');
      const report = driftOf(index, links);
      assert.deepEqual(
        report.items.map((i) => [i.code, i.address, i.liveId]),
        [
          ['CG-DRIFT-ATTRIBUTE', 'aws_instance.app[0]', 'i-575ea926f1ba990a9'],
          ['CG-DRIFT-RULE-ADDED', 'aws_security_group.app', 'sg-144b91804c2dc8a13'],
        ],
      );
      assert.match(report.items[0].message, /instance_type is "t3.xlarge" live/);
      assert.match(report.items[1].message, /inbound tcp 3389 from 0.0.0.0\/0 \("temp RDP for incident INC-2291"\)/);
      assert.deepEqual(report.items.filter((i) => i.kind === 'unmanaged'), [], 'the snapshot has no unmanaged resource in the two VPCs');
      assert.deepEqual(report.implicit.map((r) => r.id).sort(), implicit);
      assert.equal(report.outOfScope, 0);
      const findings = driftFindings(report, 'error');
      const compute = [...findings].find(([uri]) => uri.endsWith('/compute.tf'))?.[1];
      assert.equal(compute?.[0].severity, 'error');
      assert.deepEqual(compute?.[0].range, { start: { line: 19, character: 27 }, end: { line: 19, character: 48 } }, 'at `var.app_instance_type`');
    });
  }

  it('hovers a linked instance with live and declared values and the snapshot time, and puts a lens above each linked block', async () => {
    const index = await indexFolder(root);
    const links = linkWorkspace(index, snapshot, state);
    const report = driftOf(index, links);
    const hover = linkHoverMarkdown(findLink(links, 'aws_instance.app[0]')!, report.items, snapshot.importedAt);
    assert.match(hover, /\| instance_type \| `"t3.xlarge"` ⚠ \| `"t3.large"` \|/);
    assert.match(hover, /\| private_ip \| `"10.20.10.4"` \| — \|/);
    assert.match(hover, /_Snapshot taken 2025-06-02T07:30:00.000Z_/);
    const sgHover = linkHoverMarkdown(findLink(links, 'aws_security_group.app')!, report.items, snapshot.importedAt);
    assert.match(sgHover, /- tcp 3389 from 0.0.0.0\/0 — temp RDP for incident INC-2291/);
    const compute = links.links.find((l) => l.address === 'aws_instance.app[0]')!.instance.declaration.uri;
    const lenses = codeLensesFor(compute, links, report);
    assert.deepEqual(lenses.map((l) => l.title), ['$(cloud) 2 of 2 live · running · 1 drift', '$(cloud) i-2055c605d94172b35 · running · no drift', '$(cloud) i-218b3938c3fad21b7 · running · no drift']);
  });
});
