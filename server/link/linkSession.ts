import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { CloudSnapshot } from '../protocol/snapshot';
import type { WorkspaceIndex } from '../terraform/workspaceIndex';
import { driftOf, type DriftReport } from './drift';
import { linkWorkspace, type LinkResult } from './linker';
import { parseTerraformState, type TerraformState } from './tfstate';

/** The state files of a workspace, and the ones that could not be read (with why, naming the file). */
export interface WorkspaceStates {
  states: TerraformState[];
  problems: string[];
}

/**
 * Finds the Terraform state of each folder of the index: `terraform.tfstate` beside its `.tf` files,
 * which then describes that folder's root module. An explicit state file (`--state`, the
 * `cartograph.statePath` setting) describes `folder` (default: the folder the state file is in) when
 * that folder holds Terraform, else every root module. A state that cannot be read is a problem, never a crash: the rest of the
 * workspace is linked by ids and names instead.
 */
export function workspaceStates(index: WorkspaceIndex, explicit?: string, folder?: string, readFile: (file: string) => string = (f) => fs.readFileSync(f, 'utf8')): WorkspaceStates {
  const states: TerraformState[] = [];
  const problems: string[] = [];
  const modules = new Set(index.moduleUris());
  const read = (file: string, rootModuleUri: string | undefined): void => {
    try {
      const state = parseTerraformState(readFile(file), file);
      if (rootModuleUri !== undefined) state.rootModuleUri = rootModuleUri;
      states.push(state);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  };
  if (explicit) {
    const folderUri = URI.file(path.resolve(folder ?? path.dirname(path.resolve(explicit)))).toString();
    read(path.resolve(explicit), modules.has(folderUri) ? folderUri : undefined);
    return { states, problems };
  }
  for (const moduleUri of [...modules].sort()) {
    const uri = URI.parse(moduleUri);
    if (uri.scheme !== 'file') continue;
    const file = path.join(uri.fsPath, 'terraform.tfstate');
    if (fs.existsSync(file)) read(file, moduleUri);
  }
  return { states, problems };
}

/** The links of a workspace to a snapshot and what differs: what hover, code lens, diagnostics and the diagram share. */
export interface LinkedWorkspace {
  links: LinkResult;
  drift: DriftReport;
}

export function linkAndCompare(index: WorkspaceIndex, snapshot: CloudSnapshot, states: readonly TerraformState[]): LinkedWorkspace {
  const links = linkWorkspace(index, snapshot, states);
  return { links, drift: driftOf(index, links) };
}
