import type { TextPosition } from '../protocol/findings';
import type { FileModel } from './fileModel';
import type { WorkspaceIndex } from './workspaceIndex';

/** A completion the editor offers: the text to insert and what kind of thing it is. */
export interface CompletionCandidate {
  label: string;
  kind: 'variable' | 'local' | 'module' | 'output' | 'resourceType' | 'resource' | 'dataType' | 'data' | 'keyword';
  detail?: string;
}

/** Completes reference names from the text before the cursor on its line: `var.`, `local.`, `module.m.`, `aws_vpc.`… */
export function completionsAt(index: WorkspaceIndex, file: FileModel, linePrefix: string, _position: TextPosition): CompletionCandidate[] {
  const match = /([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)?(\.?)([\w-]*)$/.exec(linePrefix);
  if (!match) return [];
  const path = match[1] ? match[1].split('.') : [];
  const dotted = match[2] === '.';
  const module = index.module(file.moduleUri);
  const declarations = [...module.declarations.values()].map((l) => l[0]);
  // A bare word in an expression: the roots in scope.
  if (!dotted) {
    if (!/=\s*[^=]*$|[[(,{]\s*[\w-]*$|\$\{[^}]*$/.test(linePrefix)) return [];
    const types = new Set(declarations.filter((d) => d.kind === 'resource').map((d) => d.block?.labels[0] ?? ''));
    return [
      ...['var', 'local', 'module', 'data', 'each', 'count', 'path', 'self', 'terraform'].map((label): CompletionCandidate => ({ label, kind: 'keyword' })),
      ...[...types].filter(Boolean).sort().map((label): CompletionCandidate => ({ label, kind: 'resourceType' })),
    ];
  }
  const [root, first] = path;
  const named = (kind: string): typeof declarations => declarations.filter((d) => d.kind === kind);
  if (path.length === 1) {
    switch (root) {
      case 'var':
        return named('variable').map((d) => ({ label: d.name, kind: 'variable', detail: 'variable' }));
      case 'local':
        return named('local').map((d) => ({ label: d.name, kind: 'local', detail: 'local value' }));
      case 'module':
        return named('module').map((d) => ({ label: d.name.slice('module.'.length), kind: 'module', detail: 'module call' }));
      case 'data':
        return [...new Set(named('data').map((d) => d.block?.labels[0] ?? ''))].filter(Boolean).sort().map((label) => ({ label, kind: 'dataType' as const }));
      case 'count':
        return [{ label: 'index', kind: 'keyword' }];
      case 'each':
        return [{ label: 'key', kind: 'keyword' }, { label: 'value', kind: 'keyword' }];
      case 'path':
        return ['module', 'root', 'cwd'].map((label) => ({ label, kind: 'keyword' as const }));
      default:
        return named('resource').filter((d) => d.block?.labels[0] === root).map((d) => ({ label: d.block?.labels[1] ?? '', kind: 'resource', detail: `resource ${root}` }));
    }
  }
  if (path.length === 2 && root === 'module' && first) {
    const call = index.declaration(file.moduleUri, `module.${first}`);
    const child = call ? index.childModuleUri(call) : undefined;
    if (!child) return [];
    return [...index.module(child).declarations.values()].map((l) => l[0]).filter((d) => d.kind === 'output').map((d) => ({ label: d.name, kind: 'output', detail: `output of module.${first}` }));
  }
  if (path.length === 2 && root === 'data' && first) {
    return named('data').filter((d) => d.block?.labels[0] === first).map((d) => ({ label: d.block?.labels[1] ?? '', kind: 'data', detail: `data ${first}` }));
  }
  return [];
}
