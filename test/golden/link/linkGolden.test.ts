/**
 * Golden cases for linking and drift, one folder per case under cases/: Terraform files whose
 * expected drift findings are annotations (../annotations.ts), `snapshot.json`, an optional
 * `terraform.tfstate`, and `links.txt` with the expected links, ambiguous matches and implicit
 * live resources. `UPDATE_GOLDEN=1` rewrites the expectations; a missing one fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { driftFindings, driftOf } from '../../../server/link/drift';
import { linkWorkspace } from '../../../server/link/linker';
import { parseTerraformState } from '../../../server/link/tfstate';
import type { CloudSnapshot } from '../../../server/protocol/snapshot';
import { renderAnnotations } from '../annotations';
import { expectGolden, loadCase, uriOf } from '../terraformCases';

const casesDir = path.join(__dirname, 'cases');

describe('golden: linking and drift', () => {
  for (const name of fs.readdirSync(casesDir).sort()) {
    const dir = path.join(casesDir, name);
    it(name, async () => {
      const loaded = await loadCase(dir);
      const snapshot = JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8')) as CloudSnapshot;
      const statePath = path.join(dir, 'terraform.tfstate');
      const state = fs.existsSync(statePath) ? parseTerraformState(fs.readFileSync(statePath, 'utf8'), statePath) : undefined;
      const links = linkWorkspace(loaded.index, snapshot, state);
      const report = driftOf(loaded.index, links);
      const findings = driftFindings(report, 'warning');
      for (const [rel, text] of loaded.texts) {
        const actual = renderAnnotations(text, findings.get(uriOf(rel)) ?? []);
        if (process.env.UPDATE_GOLDEN === '1') {
          if (actual !== loaded.stored.get(rel)) fs.writeFileSync(path.join(dir, rel), actual);
          continue;
        }
        assert.equal(actual, loaded.stored.get(rel), `${rel}: drift findings differ from the annotations (UPDATE_GOLDEN=1 rewrites them)`);
      }
      const lines = [
        ...links.links.map((l) => `link ${l.address} -> ${l.live.id} (${l.method}, ${l.confidence}: ${l.evidence})`),
        ...links.ambiguous.map((a) => `ambiguous ${a.address}: ${a.candidates.join(', ')} (${a.evidence})`),
        ...report.implicit.map((r) => `implicit ${r.id}`),
        ...report.items.filter((i) => !i.uri).map((i) => `unplaced ${i.code}: ${i.message}`),
      ];
      const actual = `${lines.join('\n')}\n`;
      const result = expectGolden(path.join(dir, 'links.txt'), actual);
      if (!result.ok) assert.fail(result.expected === undefined ? `links.txt is missing: run UPDATE_GOLDEN=1 to create it with:\n${actual}` : `links.txt differs\n--- expected\n${result.expected}\n--- actual\n${actual}`);
    });
  }
});
