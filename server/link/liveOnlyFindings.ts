import type { RuleFinding, RunOptions } from '../rules/runRules';
import { runRules } from '../rules/runRules';
import type { WorkspaceIndex } from '../terraform/workspaceIndex';
import { headerRange } from './drift';
import type { LiveFinding } from './liveFindings';
import type { LinkResult } from './linker';

/** What the rules say of a module's code, as `code NUL message`. */
export type CodeFindingKeys = (moduleUri: string) => ReadonlySet<string>;

/** The keys of a module's code findings, computed with the rules as they run on code. */
export function codeFindingKeys(index: WorkspaceIndex, options: RunOptions): CodeFindingKeys {
  const cache = new Map<string, Set<string>>();
  return (moduleUri) => {
    let keys = cache.get(moduleUri);
    if (!keys) {
      keys = new Set();
      for (const file of index.module(moduleUri).files) for (const f of runRules(index, file, options)) keys.add(`${f.code}\u0000${f.message}`);
      cache.set(moduleUri, keys);
    }
    return keys;
  };
}

/**
 * The rules' findings on live resources, placed on the code that manages them when the code does
 * not show the same finding itself: a rule opened in the console, a database made public by hand.
 * Each stands on the managing block's header, with the rule's id, severity and docs, so that it is
 * suppressed like any other. Live findings on resources no code manages are returned apart.
 */
export function liveOnlyFindings(
  links: LinkResult,
  findings: readonly LiveFinding[],
  codeKeys: CodeFindingKeys,
  takenAt: string,
): { placed: Map<string, RuleFinding[]>; unmanaged: LiveFinding[] } {
  const placed = new Map<string, RuleFinding[]>();
  const unmanaged: LiveFinding[] = [];
  for (const finding of findings) {
    const managing = links.byLiveId.get(finding.liveId) ?? [];
    if (managing.length === 0) {
      unmanaged.push(finding);
      continue;
    }
    for (const link of managing) {
      const instance = link.instance;
      if (codeKeys(instance.moduleUri).has(`${finding.code}\u0000${finding.message}`)) continue;
      const block = instance.block.range;
      const list = placed.get(instance.declaration.uri) ?? [];
      list.push({
        code: finding.code,
        severity: finding.severity,
        message: `Live only: ${finding.message} — on ${finding.liveId}${finding.name ? ` (${finding.name})` : ''}, which ${instance.address} manages; the code does not say so (snapshot of ${takenAt})`,
        range: headerRange(instance.block),
        address: instance.blockAddress,
        blockLine: block.start.line,
        blockColumn: block.start.character,
        blockEndLine: block.end.line,
        docs: finding.docs,
      });
      placed.set(instance.declaration.uri, list);
    }
  }
  return { placed, unmanaged };
}
