import type { TextRange } from '../protocol/findings';
import type { BlockModel, FileModel } from './fileModel';

/** A document symbol: a block or attribute in the outline, with its children. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'class' | 'module' | 'variable' | 'constant' | 'property' | 'struct' | 'namespace' | 'field' | 'interface';
  range: TextRange;
  selectionRange: TextRange;
  children: OutlineSymbol[];
}

const topKinds: Record<string, OutlineSymbol['kind']> = {
  resource: 'class', data: 'interface', module: 'module', variable: 'variable', output: 'constant', locals: 'namespace', provider: 'namespace', terraform: 'namespace',
};

/**
 * The file's outline: top-level blocks named as Terraform addresses, their attributes and nested
 * blocks. With `topLevelOnly`, the top-level entries without children (for workspace symbols).
 */
export function outline(file: FileModel, topLevelOnly = false): OutlineSymbol[] {
  const attributeSymbols = (block: { body: BlockModel['body'] }, asKind: OutlineSymbol['kind']): OutlineSymbol[] => [
    ...block.body.attributes.map((a): OutlineSymbol => ({ name: a.name, kind: asKind, range: a.range, selectionRange: a.nameRange, children: [] })),
    ...block.body.blocks.map((b) => nested(b)),
  ];
  const nested = (b: BlockModel): OutlineSymbol => ({
    name: [b.type, ...b.labels].join(' '),
    kind: 'struct',
    range: b.range,
    selectionRange: b.typeRange,
    children: attributeSymbols(b, 'field'),
  });
  if (file.kind === 'tfvars') return file.body.attributes.map((a) => ({ name: a.name, kind: 'variable', range: a.range, selectionRange: a.nameRange, children: [] }));
  return file.body.blocks.map((b): OutlineSymbol => {
    const [first, second] = b.labels;
    let name = [b.type, ...b.labels].join(' ');
    if (b.type === 'resource' && first && second) name = `${first}.${second}`;
    else if (b.type === 'data' && first && second) name = `data.${first}.${second}`;
    else if ((b.type === 'variable' || b.type === 'output' || b.type === 'module' || b.type === 'provider') && first) name = `${b.type === 'variable' ? 'var' : b.type}.${first}`;
    const selectionRange = b.labelRanges[b.labelRanges.length - 1] ?? b.typeRange;
    return {
      name,
      detail: b.type,
      kind: topKinds[b.type] ?? 'struct',
      range: b.range,
      selectionRange: { start: b.typeRange.start, end: selectionRange.end },
      children: topLevelOnly ? [] : attributeSymbols(b, b.type === 'locals' ? 'constant' : 'property'),
    };
  });
}

/** Foldable line spans: every multi-line block, attribute value and comment run. */
export function foldingRanges(file: FileModel): { startLine: number; endLine: number; kind?: 'comment' }[] {
  const out: { startLine: number; endLine: number; kind?: 'comment' }[] = [];
  const visit = (body: FileModel['body']): void => {
    for (const b of body.blocks) {
      if (b.range.end.line > b.range.start.line) out.push({ startLine: b.range.start.line, endLine: b.range.end.line - 1 });
      visit(b.body);
    }
    for (const a of body.attributes) if (a.range.end.line > a.range.start.line) out.push({ startLine: a.range.start.line, endLine: a.range.end.line - 1 });
  };
  visit(file.body);
  // Consecutive single-line comments fold together, block comments alone.
  let run: { startLine: number; endLine: number } | undefined;
  for (const c of file.comments) {
    if (c.end.line > c.start.line) out.push({ startLine: c.start.line, endLine: c.end.line, kind: 'comment' });
    if (run && c.start.line === run.endLine + 1) run.endLine = c.end.line;
    else {
      if (run && run.endLine > run.startLine) out.push({ ...run, kind: 'comment' });
      run = { startLine: c.start.line, endLine: c.end.line };
    }
  }
  if (run && run.endLine > run.startLine) out.push({ ...run, kind: 'comment' });
  return out.filter((r) => r.endLine > r.startLine).sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
