/**
 * Golden cases for the compliance rules, one folder per case under rules/ (subfolders are modules).
 * Every `.tf` file carries the findings expected in it as annotations (annotations.ts), after
 * suppressions. Cases run with every profile on; an `options.json` beside the files may set
 * `profiles`, `allowedRegions`, `auditRetentionDays` and `today` (YYYY-MM-DD, for expiring
 * suppressions; 2025-06-01 by default). `UPDATE_GOLDEN=1` rewrites the annotations.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runRules } from '../../server/rules/runRules';
import { applySuppressions } from '../../server/rules/suppressions';
import { renderAnnotations } from './annotations';
import { loadCase, uriOf } from './terraformCases';

export const rulesCaseRoot = path.join(__dirname, 'rules');

interface CaseOptions {
  profiles?: string[];
  allowedRegions?: string[];
  auditRetentionDays?: number;
  today?: string;
}

export function rulesCaseFolders(): string[] {
  if (!fs.existsSync(rulesCaseRoot)) return [];
  return fs.readdirSync(rulesCaseRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(rulesCaseRoot, e.name)).sort();
}

describe('golden: compliance rules', () => {
  for (const dir of rulesCaseFolders()) {
    it(path.basename(dir), async () => {
      const optionsFile = path.join(dir, 'options.json');
      const options = (fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {}) as CaseOptions;
      const today = new Date(`${options.today ?? '2025-06-01'}T12:00:00`);
      const loaded = await loadCase(dir);
      for (const [rel, text] of loaded.texts) {
        const model = loaded.index.file(uriOf(rel));
        assert.ok(model);
        const findings = applySuppressions(runRules(loaded.index, model, { profiles: options.profiles ?? ['all'], allowedRegions: options.allowedRegions, auditRetentionDays: options.auditRetentionDays }), text, today);
        const actual = renderAnnotations(text, findings);
        if (process.env.UPDATE_GOLDEN === '1') {
          if (actual !== loaded.stored.get(rel)) fs.writeFileSync(path.join(dir, rel), actual);
          continue;
        }
        assert.equal(actual, loaded.stored.get(rel), `${rel}: findings differ from the annotations (UPDATE_GOLDEN=1 rewrites them)`);
      }
    });
  }
});
