/**
 * Data policy in a headless scan: every policy file under a folder, and every SQL file a policy
 * applies to, with the diagnostics the editor shows them (the SQL checked for every role, as the
 * editor does when no preview role is picked). A SQL file that no policy governs is not Cartograph's
 * to judge, so it is left out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFindings } from '../protocol/findings';
import { findFiles, type SkippedPath } from '../workspace/findFiles';
import { maxFileBytes } from '../workspace/scanWorkspace';
import { policyDiagnostics } from './policyDiagnostics';
import { loadPolicyWorkspace, type PolicyWorkspace } from './policyWorkspace';
import { sqlDiagnostics } from './sqlDiagnostics';

/** The findings of the policy files and governed SQL files under `root`, by path relative to it; files too large to check (a data dump) are skipped. */
export async function scanDataPolicy(root: string): Promise<{ files: FileFindings[]; skipped: SkippedPath[] }> {
  const { files, skipped } = findFiles(root, (name) => name.endsWith('.policy.hcl') || name.endsWith('.sql'));
  // Files of one folder are checked against the same policy and schema.
  const workspaces = new Map<string, Promise<PolicyWorkspace>>();
  const results: FileFindings[] = [];
  for (const file of files.sort()) {
    if (fs.statSync(file).size > maxFileBytes) {
      skipped.push({ path: file, reason: `larger than ${maxFileBytes / 1024 / 1024} MB` });
      continue;
    }
    const dir = path.dirname(file);
    let loading = workspaces.get(dir);
    if (!loading) workspaces.set(dir, (loading = loadPolicyWorkspace(file, root)));
    const workspace = await loading;
    if (workspace.policy.files.length === 0) continue;
    const policyFile = workspace.policy.files.find((f) => f.path === file);
    // Both return their findings in document order.
    const findings = policyFile ? policyDiagnostics(policyFile, workspace.policy, workspace.schema) : sqlDiagnostics(fs.readFileSync(file, 'utf8'), workspace.policy, workspace.schema);
    results.push({ file: path.relative(root, file).split(path.sep).join('/'), findings });
  }
  return { files: results, skipped };
}
