import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folders that never hold a team's own Terraform: provider caches, VCS data and dependencies. */
const skippedFolders = new Set(['.git', '.terraform', 'node_modules', '.hg', '.svn']);

/** Why a path was left out of a workspace walk, for the log. */
export interface SkippedPath {
  path: string;
  reason: string;
}

/**
 * Walks a folder for files whose names pass `wanted`, in a stable (sorted) order. Symbolic links to
 * folders are not followed (they can loop); unreadable folders are skipped and reported.
 */
export function findFiles(root: string, wanted: (name: string) => boolean): { files: string[]; skipped: SkippedPath[] } {
  const files: string[] = [];
  const skipped: SkippedPath[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: dir, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) walk(full);
      } else if (entry.isFile() && wanted(entry.name)) {
        files.push(full);
      } else if (entry.isSymbolicLink() && wanted(entry.name)) {
        try {
          if (fs.statSync(full).isFile()) files.push(full);
        } catch {
          skipped.push({ path: full, reason: 'broken symbolic link' });
        }
      }
    }
  };
  walk(root);
  return { files, skipped };
}

export const isTerraformFile = (name: string): boolean => name.endsWith('.tf') || name.endsWith('.tfvars');
