/** Loads a folder of Terraform files into a workspace index, for the linking tests and bench. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { HclParser } from '../../../server/terraform/hclParser';
import { WorkspaceIndex } from '../../../server/terraform/workspaceIndex';
import { modelText } from '../../../server/workspace/parseFile';

let parsers: Promise<{ terraform: HclParser; hcl: HclParser }> | undefined;

/** The Terraform and HCL parsers the linking tests share (created once). */
export function linkTestParsers(): Promise<{ terraform: HclParser; hcl: HclParser }> {
  parsers ??= (async () => ({ terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') }))();
  return parsers;
}

export async function indexFolder(root: string): Promise<WorkspaceIndex> {
  const p = await linkTestParsers();
  const index = new WorkspaceIndex();
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.tf(vars)?$/.test(e.name) ? [path.join(dir, e.name)] : []));
  for (const file of walk(root)) index.setFile(modelText(p, fs.readFileSync(file, 'utf8'), URI.file(file).toString()));
  return index;
}
