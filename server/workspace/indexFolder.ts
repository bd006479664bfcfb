import * as fs from 'node:fs';
import { URI } from 'vscode-uri';
import { HclParser } from '../terraform/hclParser';
import { WorkspaceIndex } from '../terraform/workspaceIndex';
import { findFiles, isTerraformFile } from './findFiles';
import { modelText } from './parseFile';
import { maxFileBytes } from './scanWorkspace';

/**
 * Reads every Terraform file under `root` into a workspace index, for the CLI commands that need
 * the whole module tree at once (`diagram`, `drift`). Files that cannot be read or are too large
 * are skipped with a line through `warn`, prefixed by the command's name.
 */
export async function indexFolder(root: string, command: string, warn: (s: string) => void): Promise<WorkspaceIndex> {
  const { files, skipped } = findFiles(root, isTerraformFile);
  for (const s of skipped) warn(`cartograph ${command}: skipped ${s.path}: ${s.reason}\n`);
  const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
  const index = new WorkspaceIndex();
  try {
    for (const file of files) {
      try {
        if (fs.statSync(file).size > maxFileBytes) {
          warn(`cartograph ${command}: skipped ${file}: larger than ${maxFileBytes / 1024 / 1024} MB\n`);
          continue;
        }
        index.setFile(modelText(parsers, fs.readFileSync(file, 'utf8'), URI.file(file).toString()));
      } catch (error) {
        warn(`cartograph ${command}: skipped ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      }
    }
  } finally {
    parsers.terraform.delete();
    parsers.hcl.delete();
  }
  return index;
}
