import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findFiles, isTerraformFile } from '../../../server/workspace/findFiles';
import { HclParser } from '../../../server/terraform/hclParser';
import { indexFiles } from '../../../server/workspace/backgroundIndexer';
import type { FileModel } from '../../../server/terraform/fileModel';
import { isPacked, summarise, unpackModel, type PackedFileModel } from '../../../server/terraform/packedModel';
import { parseFileFromDisk } from '../../../server/workspace/parseFile';

describe('odd workspaces', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-odd-'));
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a', 'b', 'main.tf'), 'variable "x" {}\n');
    // A symbolic link back up the tree: following it would never end.
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'b', 'loop'));
    // A link to a missing file.
    fs.symlinkSync(path.join(dir, 'nowhere.tf'), path.join(dir, 'broken.tf'));
    // A name that is not valid UTF-8.
    fs.writeFileSync(Buffer.concat([Buffer.from(path.join(dir, 'caf')), Buffer.from([0xe9]), Buffer.from('.tf')]), 'locals {}\n');
    // Thousands of files in one folder.
    fs.mkdirSync(path.join(dir, 'many'));
    for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(dir, 'many', `f${i}.tf`), `output "o${i}" {\n  value = ${i}\n}\n`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('walks without following directory links, reports broken links, and finds every file', () => {
    const walk = findFiles(dir, isTerraformFile);
    assert.equal(walk.files.filter((f) => f.includes(`${path.sep}many${path.sep}`)).length, 2000);
    assert.ok(walk.files.includes(path.join(dir, 'a', 'b', 'main.tf')));
    assert.ok(!walk.files.some((f) => f.includes(`${path.sep}loop${path.sep}`)), 'the loop is not followed');
    assert.deepEqual(walk.skipped.map((s) => [path.basename(s.path), s.reason]), [['broken.tf', 'broken symbolic link']]);
  });

  it('indexes every readable file, on worker threads, and says which it skipped', async () => {
    const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
    const walk = findFiles(dir, isTerraformFile);
    const models: (FileModel | PackedFileModel)[] = [];
    const skipped: string[] = [];
    let last = { done: 0, total: 0 };
    await indexFiles(walk.files.map((p) => ({ path: p, uri: `file://${p}` })), parsers, (m) => models.push(m), (f, reason) => skipped.push(`${path.basename(f.path)}: ${reason}`), (p) => (last = p));
    assert.equal(models.length + skipped.length, walk.files.length);
    assert.deepEqual(last, { done: walk.files.length, total: walk.files.length });
    // A name that is not UTF-8 cannot be opened through its decoded form: skipped, with the reason.
    assert.deepEqual(skipped, ['caf\uFFFD.tf: ENOENT']);
    assert.equal(models.length, 2001);
    // Worker threads deliver models packed; unpacked, a model is the one the main thread would build.
    const packed = models.filter(isPacked);
    assert.equal(packed.length, models.length, 'every model came from a worker');
    const sample = packed.find((p) => p.uri.endsWith('/a/b/main.tf'))!;
    const fromDisk = parseFileFromDisk(parsers, sample.uri.slice('file://'.length), sample.uri);
    assert.ok('model' in fromDisk);
    assert.deepStrictEqual(unpackModel(sample), fromDisk.model);
    assert.deepStrictEqual(sample.summary, summarise(fromDisk.model));
    parsers.terraform.delete();
    parsers.hcl.delete();
  });
});
