import * as fs from 'node:fs';
import { URI } from 'vscode-uri';
import type { DocumentStore } from '../documentStore';
import type { InventoryBlock, WorkspaceInventoryRequest } from '../../protocol/customMessages';
import { findFiles, isTerraformFile } from '../../workspace/findFiles';
import { maxFileBytes } from '../../workspace/scanWorkspace';
import { topLevelBlocks } from '../../terraform/blocks';
import type { HclParser } from '../../terraform/hclParser';

/**
 * Answers `cartograph/workspaceInventory`: open documents as the editor holds them, every other
 * Terraform file from disk.
 */
export function workspaceInventory(
  folders: readonly string[],
  store: DocumentStore,
  parsers: { terraform: HclParser; hcl: HclParser },
): WorkspaceInventoryRequest.Result {
  const blocks: InventoryBlock[] = [];
  const skipped: WorkspaceInventoryRequest.Result['skipped'] = [];
  const seen = new Set<string>();
  for (const folder of folders) {
    const walk = findFiles(folder, isTerraformFile);
    for (const s of walk.skipped) skipped.push({ uri: URI.file(s.path).toString(), reason: s.reason });
    for (const file of walk.files) {
      const uri = URI.file(file).toString();
      if (seen.has(uri)) continue;
      seen.add(uri);
      const open = store.get(uri);
      if (open?.tree) {
        for (const b of topLevelBlocks(open.tree)) blocks.push({ kind: b.kind, labels: b.labels, uri, selectionRange: b.selectionRange });
        continue;
      }
      try {
        if (fs.statSync(file).size > maxFileBytes) {
          skipped.push({ uri, reason: 'file too large to index' });
          continue;
        }
        const tree = (file.endsWith('.tfvars') ? parsers.hcl : parsers.terraform).parse(fs.readFileSync(file, 'utf8'));
        try {
          for (const b of topLevelBlocks(tree)) blocks.push({ kind: b.kind, labels: b.labels, uri, selectionRange: b.selectionRange });
        } finally {
          tree.delete();
        }
      } catch (error) {
        skipped.push({ uri, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      }
    }
  }
  return { blocks, skipped };
}
