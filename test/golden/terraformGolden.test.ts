/**
 * Golden cases for Terraform intelligence, one folder per case under terraform/<kind>/:
 * - diagnostics/: every file carries its expected findings as annotations (annotations.ts);
 * - hover/: a `$0` cursor in one file, the expected markdown in `expected.md`;
 * - definition/ and references/: a `$0` cursor, the expected locations in `expected.txt`;
 * - rename/: a `$0` cursor, the new name in `newname.txt`, the edited files in `expected.txt`.
 * `UPDATE_GOLDEN=1` rewrites the expectations; a missing one fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileDiagnostics } from '../../server/terraform/moduleDiagnostics';
import { hoverAt } from '../../server/terraform/hover';
import { definition, references, rename, symbolAt, targetOf, type Location } from '../../server/terraform/navigation';
import { renderAnnotations } from './annotations';
import { caseFolders, expectGolden, loadCase, relativeOf, uriOf } from './terraformCases';

const fail = (file: string, actual: string, expected: string | undefined): never => {
  assert.fail(expected === undefined ? `${file} is missing: run UPDATE_GOLDEN=1 to create it with:\n${actual}` : `${path.basename(file)} differs\n--- expected\n${expected}\n--- actual\n${actual}`);
};

const showLocations = (locations: Location[]): string =>
  `${locations
    .map((l) => `${relativeOf(l.uri)}:${l.range.start.line + 1}:${l.range.start.character + 1}-${l.range.end.line + 1}:${l.range.end.character + 1}`)
    .sort()
    .join('\n')}\n`;

describe('golden: Terraform diagnostics', () => {
  for (const dir of caseFolders('diagnostics')) {
    it(path.basename(dir), async () => {
      const loaded = await loadCase(dir);
      for (const [rel, text] of loaded.texts) {
        const model = loaded.index.file(uriOf(rel));
        assert.ok(model);
        const actual = renderAnnotations(text, fileDiagnostics(loaded.index, model));
        const file = path.join(dir, rel);
        if (process.env.UPDATE_GOLDEN === '1') {
          if (actual !== loaded.stored.get(rel)) fs.writeFileSync(file, actual);
          continue;
        }
        assert.equal(actual, loaded.stored.get(rel), `${rel}: findings differ from the annotations (UPDATE_GOLDEN=1 rewrites them)`);
      }
    });
  }
});

describe('golden: Terraform hover', () => {
  for (const dir of caseFolders('hover')) {
    it(path.basename(dir), async () => {
      const loaded = await loadCase(dir);
      assert.ok(loaded.cursor, 'the case needs a $0 cursor');
      const file = loaded.index.file(loaded.cursor.uri)!;
      const actual = `${hoverAt(loaded.index, file, loaded.cursor.position)?.markdown ?? '(no hover)'}\n`;
      const result = expectGolden(path.join(dir, 'expected.md'), actual);
      if (!result.ok) fail(path.join(dir, 'expected.md'), actual, result.expected);
    });
  }
});

describe('golden: Terraform definition', () => {
  for (const dir of caseFolders('definition')) {
    it(path.basename(dir), async () => {
      const loaded = await loadCase(dir);
      assert.ok(loaded.cursor, 'the case needs a $0 cursor');
      const actual = showLocations(definition(loaded.index, loaded.index.file(loaded.cursor.uri)!, loaded.cursor.position));
      const result = expectGolden(path.join(dir, 'expected.txt'), actual);
      if (!result.ok) fail(path.join(dir, 'expected.txt'), actual, result.expected);
    });
  }
});

describe('golden: Terraform references', () => {
  for (const dir of caseFolders('references')) {
    it(path.basename(dir), async () => {
      const loaded = await loadCase(dir);
      assert.ok(loaded.cursor, 'the case needs a $0 cursor');
      const target = targetOf(symbolAt(loaded.index, loaded.index.file(loaded.cursor.uri)!, loaded.cursor.position));
      const actual = target ? showLocations(references(loaded.index, target, true)) : '(no target)\n';
      const result = expectGolden(path.join(dir, 'expected.txt'), actual);
      if (!result.ok) fail(path.join(dir, 'expected.txt'), actual, result.expected);
    });
  }
});

describe('golden: Terraform rename', () => {
  for (const dir of caseFolders('rename')) {
    it(path.basename(dir), async () => {
      const loaded = await loadCase(dir);
      assert.ok(loaded.cursor, 'the case needs a $0 cursor');
      const newName = fs.readFileSync(path.join(dir, 'newname.txt'), 'utf8').trim();
      const result = rename(loaded.index, loaded.index.file(loaded.cursor.uri)!, loaded.cursor.position, newName);
      let actual: string;
      if ('error' in result) actual = `error: ${result.error}\n`;
      else {
        const parts: string[] = [];
        for (const [uri, edits] of [...result.edits].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const rel = relativeOf(uri);
          const lines = (loaded.texts.get(rel) ?? '').split('\n');
          for (const e of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
            const line = lines[e.range.start.line];
            lines[e.range.start.line] = line.slice(0, e.range.start.character) + e.newText + line.slice(e.range.end.character);
          }
          parts.push(`== ${rel}\n${lines.join('\n')}`);
        }
        actual = parts.join('\n');
      }
      const golden = expectGolden(path.join(dir, 'expected.txt'), actual);
      if (!golden.ok) fail(path.join(dir, 'expected.txt'), actual, golden.expected);
    });
  }
});
