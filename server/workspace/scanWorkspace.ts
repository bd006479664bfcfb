import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { FileFindings, Finding } from '../protocol/findings';
import { HclParser } from '../terraform/hclParser';
import { fileDiagnostics } from '../terraform/moduleDiagnostics';
import { topLevelBlocks, type TopLevelBlock } from '../terraform/blocks';
import { WorkspaceIndex } from '../terraform/workspaceIndex';
import { runRules, plainFinding } from '../rules/runRules';
import { applySuppressions } from '../rules/suppressions';
import type { RuleOptions } from '../rules/profiles';
import { findFiles, isTerraformFile, type SkippedPath } from './findFiles';
import { modelText } from './parseFile';

/** Files larger than this are reported and skipped rather than parsed. */
export const maxFileBytes = 16 * 1024 * 1024;

/** What a headless scan of a folder found. */
export interface WorkspaceScan {
  root: string;
  files: FileFindings[];
  blocks: { file: string; blocks: TopLevelBlock[] }[];
  skipped: SkippedPath[];
  index: WorkspaceIndex;
}

/**
 * Indexes every Terraform file under `root` and reports each file's findings: syntax errors,
 * undeclared references, duplicates and, with `rules`, the compliance rules of the chosen profiles
 * (suppression comments honoured).
 */
export async function scanWorkspace(root: string, onProgress?: (done: number, total: number) => void, rules?: RuleOptions): Promise<WorkspaceScan> {
  const { files, skipped } = findFiles(root, isTerraformFile);
  const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
  const index = new WorkspaceIndex();
  const texts = new Map<string, string>();
  const blocks: WorkspaceScan['blocks'] = [];
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  try {
    files.forEach((file, i) => {
      let text: string;
      try {
        if (fs.statSync(file).size > maxFileBytes) {
          skipped.push({ path: file, reason: `larger than ${maxFileBytes / 1024 / 1024} MB` });
          return;
        }
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        skipped.push({ path: file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
        return;
      }
      const uri = URI.file(file).toString();
      texts.set(uri, text);
      index.setFile(modelText(parsers, text, uri));
      const tree = (file.endsWith('.tfvars') ? parsers.hcl : parsers.terraform).parse(text);
      blocks.push({ file: relative(file), blocks: topLevelBlocks(tree) });
      tree.delete();
      onProgress?.(i + 1, files.length);
    });
  } finally {
    parsers.terraform.delete();
    parsers.hcl.delete();
  }
  const results: FileFindings[] = [];
  for (const file of [...index.allFiles()].sort((a, b) => (a.uri < b.uri ? -1 : 1))) {
    const findings: Finding[] = fileDiagnostics(index, file);
    if (rules) findings.push(...applySuppressions(runRules(index, file, rules), texts.get(file.uri) ?? '').map(plainFinding));
    findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    results.push({ file: relative(URI.parse(file.uri).fsPath), findings });
  }
  return { root, files: results, blocks, skipped, index };
}
