import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { workspaceSymbols } from '../../../server/lsp/handlers/terraformFeatures';
import { fileDiagnostics } from '../../../server/terraform/moduleDiagnostics';
import { summarise } from '../../../server/terraform/packedModel';
import { WorkspaceIndex } from '../../../server/terraform/workspaceIndex';
import { modelText, packText } from '../../../server/workspace/parseFile';
import { linkTestParsers } from '../link/loadFolder';

const demo = path.join(__dirname, '..', '..', '..', 'examples', 'terraform');

/** The demo workspace indexed twice: once as models, once packed as the background index delivers closed files. */
async function demoIndexes(): Promise<{ plain: WorkspaceIndex; packed: WorkspaceIndex; uris: string[] }> {
  const parsers = await linkTestParsers();
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.tf(vars)?$/.test(e.name) ? [path.join(dir, e.name)] : []));
  const plain = new WorkspaceIndex();
  const packed = new WorkspaceIndex();
  const uris: string[] = [];
  for (const file of walk(demo)) {
    const uri = URI.file(file).toString();
    const text = fs.readFileSync(file, 'utf8');
    plain.setFile(modelText(parsers, text, uri));
    packed.setFile(packText(parsers, text, uri));
    uris.push(uri);
  }
  return { plain, packed, uris };
}

describe('packed files in the workspace index', () => {
  it('keeps closed files packed until a feature reads them, and unpacks them to the same model', async () => {
    const { plain, packed, uris } = await demoIndexes();
    assert.deepEqual(packed.counts(), { files: uris.length, unpacked: 0 });
    assert.ok(packed.has(uris[0]));
    assert.equal(packed.resident(uris[0]), undefined, 'a packed file is not resident');
    assert.deepStrictEqual(packed.file(uris[0]), plain.file(uris[0]));
    assert.equal(packed.counts().unpacked, 1);
    assert.equal(packed.file(uris[0]), packed.file(uris[0]), 'a file is unpacked once');
    for (const uri of uris) assert.deepStrictEqual(packed.file(uri), plain.file(uri), uri);
  });

  it('summarises a packed file as its whole model would, and packs broken files too', async () => {
    const parsers = await linkTestParsers();
    const texts = [
      ...fs.readdirSync(demo).filter((f) => f.endsWith('.tf')).map((f) => fs.readFileSync(path.join(demo, f), 'utf8')),
      'module "m" {\n  source = "./child"\n  x = 1\n}\nresource "aws_vpc" "v" {\n  cidr_block = \n',
      'variable "x" {\n  default = "unterminated\n}\nlocals { a = [1, 2,\n',
    ];
    for (const [i, text] of texts.entries()) {
      const uri = `file:///w/f${i}.tf`;
      const packedFile = packText(parsers, text, uri);
      const model = modelText(parsers, text, uri);
      assert.deepStrictEqual(packedFile.summary, summarise(model), `summary of text ${i}`);
      const index = new WorkspaceIndex();
      index.setFile(packedFile);
      assert.deepStrictEqual(index.file(uri), model, `model of text ${i}`);
    }
  });

  it('answers workspace symbols and module callers from summaries, unpacking only the callers', async () => {
    const { plain, packed } = await demoIndexes();
    assert.deepStrictEqual(workspaceSymbols(packed, 'bucket'), workspaceSymbols(plain, 'bucket'));
    assert.ok(workspaceSymbols(packed, 'exports').some((s) => s.name === 'module.exports'));
    assert.equal(packed.counts().unpacked, 0, 'workspace symbols unpack nothing');

    const child = `${URI.file(demo).toString()}/modules/tagged_bucket`;
    const callers = packed.callersOf(child);
    assert.deepEqual(callers.map((c) => c.declaration.key), ['module.exports']);
    assert.deepStrictEqual(callers, plain.callersOf(child));
    // Only the calling module (the root) was unpacked, not the child module's own files.
    const rootFiles = packed.module(URI.file(demo).toString()).files.length;
    assert.equal(packed.counts().unpacked, rootFiles);
  });

  it('gives the same diagnostics for every file as an index of plain models', async () => {
    const { plain, packed, uris } = await demoIndexes();
    for (const uri of uris) {
      const a = fileDiagnostics(plain, plain.file(uri)!, { wholeModule: true });
      const b = fileDiagnostics(packed, packed.file(uri)!, { wholeModule: true });
      assert.deepStrictEqual(b, a, uri);
    }
  });

  it('follows module calls as files change: a call added, moved to another folder, removed', async () => {
    const parsers = await linkTestParsers();
    const { packed } = await demoIndexes();
    const root = URI.file(demo).toString();
    const child = `${root}/modules/tagged_bucket`;
    const other = `${root}/modules/other`;
    assert.deepEqual(packed.callersOf(child).map((c) => c.declaration.key), ['module.exports']);
    const uri = `${root}/extra.tf`;
    const edit = (text: string): void => packed.setFile(modelText(parsers, text, uri));
    edit('module "more" {\n  source = "./modules/tagged_bucket"\n}\n');
    assert.deepEqual(packed.callersOf(child).map((c) => c.declaration.key).sort(), ['module.exports', 'module.more']);
    edit('module "more" {\n  source = "./modules/other"\n}\n');
    assert.deepEqual(packed.callersOf(child).map((c) => c.declaration.key), ['module.exports']);
    assert.deepEqual(packed.callersOf(other).map((c) => c.declaration.key), ['module.more']);
    edit('locals {}\n');
    assert.deepEqual(packed.callersOf(other), []);
    packed.removeFile(`${root}/storage.tf`);
    assert.deepEqual(packed.callersOf(child), []);
  });

  it('unpacks the whole workspace a slice at a time, letting other work run between slices', async () => {
    const { packed, uris } = await demoIndexes();
    let ranBetween = false;
    setImmediate(() => (ranBetween = true));
    await packed.unpackAll(0);
    assert.ok(ranBetween, 'the event loop ran while unpacking');
    assert.deepEqual(packed.counts(), { files: uris.length, unpacked: uris.length });
  });
});
