import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFindings } from '../protocol/findings';
import { HclParser } from '../terraform/hclParser';
import { syntaxErrors } from '../terraform/syntaxErrors';
import { topLevelBlocks, type TopLevelBlock } from '../terraform/blocks';
import { findFiles, isTerraformFile, type SkippedPath } from './findFiles';

/** Files larger than this are reported and skipped rather than parsed. */
export const maxFileBytes = 16 * 1024 * 1024;

/** What a headless scan of a folder found. */
export interface WorkspaceScan {
  root: string;
  files: FileFindings[];
  blocks: { file: string; blocks: TopLevelBlock[] }[];
  skipped: SkippedPath[];
}

/**
 * Parses every Terraform file under `root` and collects its findings and top-level blocks. Today
 * the findings are HCL syntax errors; the rule engine adds its findings to the same list.
 */
export async function scanWorkspace(root: string, onProgress?: (done: number, total: number) => void): Promise<WorkspaceScan> {
  const { files, skipped } = findFiles(root, isTerraformFile);
  const parsers = {
    terraform: await HclParser.create('terraform'),
    hcl: await HclParser.create('hcl'),
  };
  const result: WorkspaceScan = { root, files: [], blocks: [], skipped };
  try {
    files.forEach((file, index) => {
      const rel = path.relative(root, file).split(path.sep).join('/');
      let text: string;
      try {
        const size = fs.statSync(file).size;
        if (size > maxFileBytes) {
          skipped.push({ path: file, reason: `larger than ${maxFileBytes / 1024 / 1024} MB` });
          return;
        }
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        skipped.push({ path: file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
        return;
      }
      const tree = (file.endsWith('.tfvars') ? parsers.hcl : parsers.terraform).parse(text);
      try {
        result.files.push({ file: rel, findings: syntaxErrors(tree) });
        result.blocks.push({ file: rel, blocks: topLevelBlocks(tree) });
      } finally {
        tree.delete();
      }
      onProgress?.(index + 1, files.length);
    });
  } finally {
    parsers.terraform.delete();
    parsers.hcl.delete();
  }
  return result;
}
