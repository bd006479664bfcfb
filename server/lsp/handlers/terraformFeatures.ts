import {
  CompletionItemKind,
  FoldingRangeKind,
  SymbolKind,
  type CompletionItem,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Location,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextPosition } from '../../protocol/findings';
import { completionsAt, type CompletionCandidate } from '../../terraform/completion';
import { hoverAt } from '../../terraform/hover';
import { definition, prepareRename, references, rename, symbolAt, targetOf } from '../../terraform/navigation';
import { foldingRanges, outline, type OutlineSymbol } from '../../terraform/outline';
import type { FileModel } from '../../terraform/fileModel';
import type { WorkspaceIndex } from '../../terraform/workspaceIndex';

/**
 * The Terraform LSP methods: each takes the index and a file model and converts the engine's
 * answer to LSP types. No analysis happens here.
 */
export function hover(index: WorkspaceIndex, file: FileModel, position: TextPosition): Hover | null {
  const result = hoverAt(index, file, position);
  if (!result) return null;
  return { contents: { kind: 'markdown', value: result.markdown }, ...(result.range ? { range: result.range } : {}) };
}

export function gotoDefinition(index: WorkspaceIndex, file: FileModel, position: TextPosition): Location[] {
  return definition(index, file, position);
}

export function findReferences(index: WorkspaceIndex, file: FileModel, position: TextPosition, includeDeclaration: boolean): Location[] {
  const target = targetOf(symbolAt(index, file, position));
  return target ? references(index, target, includeDeclaration) : [];
}

export function prepareRenameAt(index: WorkspaceIndex, file: FileModel, position: TextPosition): { range: Location['range']; placeholder: string } | { error: string } {
  const prepared = prepareRename(index, file, position);
  if ('error' in prepared) return prepared;
  return { range: prepared.range, placeholder: prepared.target.key.slice(prepared.target.key.lastIndexOf('.') + 1) };
}

export function renameAt(index: WorkspaceIndex, file: FileModel, position: TextPosition, newName: string): WorkspaceEdit | { error: string } {
  const result = rename(index, file, position, newName);
  if ('error' in result) return result;
  const changes: WorkspaceEdit['changes'] = {};
  for (const [uri, edits] of result.edits) changes[uri] = edits;
  return { changes };
}

const completionKinds: Record<CompletionCandidate['kind'], CompletionItemKind> = {
  variable: CompletionItemKind.Variable,
  local: CompletionItemKind.Constant,
  module: CompletionItemKind.Module,
  output: CompletionItemKind.Field,
  resourceType: CompletionItemKind.Class,
  resource: CompletionItemKind.Reference,
  dataType: CompletionItemKind.Interface,
  data: CompletionItemKind.Reference,
  keyword: CompletionItemKind.Keyword,
};

export function complete(index: WorkspaceIndex, file: FileModel, linePrefix: string, position: TextPosition): CompletionItem[] {
  return completionsAt(index, file, linePrefix, position).map((c) => ({ label: c.label, kind: completionKinds[c.kind], ...(c.detail ? { detail: c.detail } : {}) }));
}

const symbolKinds: Record<OutlineSymbol['kind'], SymbolKind> = {
  class: SymbolKind.Class,
  module: SymbolKind.Module,
  variable: SymbolKind.Variable,
  constant: SymbolKind.Constant,
  property: SymbolKind.Property,
  struct: SymbolKind.Struct,
  namespace: SymbolKind.Namespace,
  field: SymbolKind.Field,
  interface: SymbolKind.Interface,
};

export function documentSymbols(file: FileModel): DocumentSymbol[] {
  const convert = (s: OutlineSymbol): DocumentSymbol => ({
    name: s.name || '(unnamed)',
    ...(s.detail ? { detail: s.detail } : {}),
    kind: symbolKinds[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(convert),
  });
  return outline(file).map(convert);
}

/** Workspace symbols: every top-level declaration whose name contains the query's characters in order. */
export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = 500): SymbolInformation[] {
  const needle = query.toLowerCase();
  const matches = (name: string): boolean => {
    let i = 0;
    for (const ch of name.toLowerCase()) if (ch === needle[i]) i++;
    return i === needle.length;
  };
  const out: SymbolInformation[] = [];
  // From the files' summaries: a query over thousands of closed files unpacks none of them.
  for (const file of index.summaries()) {
    for (const s of file.summary.symbols) {
      if (out.length >= limit) return out;
      if (matches(s.name)) out.push({ name: s.name, kind: symbolKinds[s.kind], location: { uri: file.uri, range: s.selectionRange }, containerName: s.detail });
    }
  }
  return out;
}

export function folding(file: FileModel): FoldingRange[] {
  return foldingRanges(file).map((r) => ({ startLine: r.startLine, endLine: r.endLine, ...(r.kind ? { kind: FoldingRangeKind.Comment } : {}) }));
}
