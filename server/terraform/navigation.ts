import type { TextPosition, TextRange } from '../protocol/findings';
import { type AttributeModel, type BlockModel, dynamicIteratorName, type FileModel, type ReferenceSite } from './fileModel';
import { resolveReference, type ResolvedReference } from './references';
import type { Declaration, WorkspaceIndex } from './workspaceIndex';

/** A place in a file: a URI and a range, as definition and references return them. */
export interface Location {
  uri: string;
  range: TextRange;
}

export function contains(range: TextRange, p: TextPosition): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** What the cursor is on. */
export type SymbolAt =
  | { kind: 'reference'; site: ReferenceSite; resolved: ResolvedReference; /** index into `site.names` of the part under the cursor, -1 for the root */ part: number }
  | { kind: 'declaration'; declaration: Declaration }
  | { kind: 'argument'; call: Declaration; attribute: AttributeModel; variable?: Declaration }
  | { kind: 'attribute'; attribute: AttributeModel; blocks: BlockModel[] }
  | { kind: 'block'; blocks: BlockModel[] };

export function symbolAt(index: WorkspaceIndex, file: FileModel, position: TextPosition): SymbolAt | undefined {
  for (const site of file.references) {
    if (!contains(site.range, position)) continue;
    const part = site.nameRanges.findIndex((r) => contains(r, position));
    return { kind: 'reference', site, resolved: resolveReference(index, file.moduleUri, site), part };
  }
  for (const declaration of index.module(file.moduleUri).declarations.values()) {
    for (const d of declaration) if (d.uri === file.uri && contains(d.selectionRange, position)) return { kind: 'declaration', declaration: d };
  }
  // The innermost block and attribute around the position.
  const path: BlockModel[] = [];
  let body = file.body;
  for (;;) {
    const attribute = body.attributes.find((a) => contains(a.range, position));
    if (attribute) {
      const top = path[0];
      if (path.length === 1 && top.type === 'module' && contains(attribute.nameRange, position)) {
        const call = index.declaration(file.moduleUri, `module.${top.labels[0]}`);
        if (call) {
          const child = index.childModuleUri(call);
          return { kind: 'argument', call, attribute, variable: child ? index.declaration(child, `var.${attribute.name}`) : undefined };
        }
      }
      return { kind: 'attribute', attribute, blocks: path };
    }
    const block = body.blocks.find((b) => contains(b.range, position));
    if (!block) break;
    path.push(block);
    body = block.body;
  }
  return path.length > 0 ? { kind: 'block', blocks: path } : undefined;
}

/** The declaration a symbol stands for, when it stands for one. */
export function targetOf(symbol: SymbolAt | undefined): Declaration | undefined {
  if (!symbol) return undefined;
  if (symbol.kind === 'declaration') return symbol.declaration;
  if (symbol.kind === 'argument') return symbol.variable;
  if (symbol.kind === 'reference' && symbol.resolved.kind === 'declaration') {
    const { output } = symbol.resolved;
    if (output && symbol.part === 1) return output.declaration;
    return symbol.resolved.declaration;
  }
  return undefined;
}

export function definition(index: WorkspaceIndex, file: FileModel, position: TextPosition): Location[] {
  const symbol = symbolAt(index, file, position);
  const target = targetOf(symbol);
  if (target) return [{ uri: target.uri, range: target.selectionRange }];
  // An iterator (`ingress.value`) is defined by its `dynamic "ingress"` block.
  const dynamic = symbol?.kind === 'reference' ? dynamicBlockOf(file, symbol.site) : undefined;
  if (dynamic) {
    const iterator = dynamic.body.attributes.find((a) => a.name === 'iterator');
    return [{ uri: file.uri, range: iterator?.expr.range ?? dynamic.labelRanges[0] ?? dynamic.typeRange }];
  }
  return [];
}

/**
 * The `dynamic` block whose iterator a reference reads: the innermost one around it that binds the
 * reference's root (its own `for_each` is read outside it).
 */
export function dynamicBlockOf(file: FileModel, site: ReferenceSite): BlockModel | undefined {
  const top = file.body.blocks[site.topBlock];
  if (!top || !site.dynamicIterators.includes(site.root)) return undefined;
  let found: BlockModel | undefined;
  const visit = (block: BlockModel): void => {
    if (!contains(block.range, site.range.start)) return;
    const forEach = block.body.attributes.find((a) => a.name === 'for_each');
    if (block.type === 'dynamic' && dynamicIteratorName(block) === site.root && !(forEach && contains(forEach.range, site.range.start))) found = block;
    for (const b of block.body.blocks) visit(b);
  };
  visit(top);
  return found;
}

/** The range a rename edits in a reference to `target`, or undefined when the reference is not to it. */
function referencePartFor(index: WorkspaceIndex, moduleUri: string, site: ReferenceSite, target: Declaration): TextRange | undefined {
  const resolved = resolveReference(index, moduleUri, site);
  if (resolved.kind !== 'declaration') return undefined;
  if (resolved.output?.declaration === target || (resolved.output && sameDeclaration(resolved.output.declaration, target))) return site.nameRanges[1];
  if (!sameDeclaration(resolved.declaration, target)) return undefined;
  if (target.kind === 'data') return site.nameRanges[1];
  if (target.kind === 'provider') return undefined;
  return site.nameRanges[0];
}

function sameDeclaration(a: Declaration, b: Declaration): boolean {
  return a.key === b.key && a.uri === b.uri && a.selectionRange.start.line === b.selectionRange.start.line && a.selectionRange.start.character === b.selectionRange.start.character;
}

/**
 * Every use of a declaration: references in its module, and across module boundaries the arguments
 * that set a variable (`module "net" { cidr = … }`) and the `module.net.out` reads of an output.
 */
export function references(index: WorkspaceIndex, target: Declaration, includeDeclaration: boolean): Location[] {
  const out: Location[] = [];
  if (includeDeclaration) out.push({ uri: target.uri, range: target.selectionRange });
  const moduleUri = target.uri.slice(0, target.uri.lastIndexOf('/'));
  for (const file of index.module(moduleUri).files) {
    for (const site of file.references) {
      const range = referencePartFor(index, moduleUri, site, target);
      if (range) out.push({ uri: file.uri, range });
    }
    // Assignments in the folder's .tfvars files set the variable too.
    if (target.kind === 'variable' && file.kind === 'tfvars') {
      for (const a of file.body.attributes) if (a.name === target.name) out.push({ uri: file.uri, range: a.nameRange });
    }
  }
  if (target.kind === 'variable' || target.kind === 'output') {
    for (const { parent, declaration: call } of index.callersOf(moduleUri)) {
      if (target.kind === 'variable') {
        const argument = call.block?.body.attributes.find((a) => a.name === target.name);
        if (argument) out.push({ uri: call.uri, range: argument.nameRange });
        continue;
      }
      for (const file of index.module(parent).files) {
        for (const site of file.references) {
          const range = referencePartFor(index, parent, site, target);
          if (range) out.push({ uri: file.uri, range });
        }
      }
    }
  }
  return out;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** What a rename changes, file by file; or why it cannot. */
export type RenameResult = { edits: Map<string, { range: TextRange; newText: string }[]> } | { error: string };

/** The declaration a rename at this position would rename, with the range to select. */
export function prepareRename(index: WorkspaceIndex, file: FileModel, position: TextPosition): { target: Declaration; range: TextRange } | { error: string } {
  const symbol = symbolAt(index, file, position);
  const target = targetOf(symbol);
  if (!target || !symbol) return { error: 'Cartograph renames variables, locals, outputs, modules, resources and data sources: put the cursor on one' };
  if (target.kind === 'provider') return { error: 'Provider configurations are renamed by their `alias`; edit it directly' };
  let range = target.selectionRange;
  if (symbol.kind === 'reference') {
    if (symbol.resolved.kind === 'declaration' && symbol.resolved.output && symbol.part === 1) range = symbol.resolved.output.nameRange;
    else range = referencePartFor(index, file.moduleUri, symbol.site, target) ?? range;
  } else if (symbol.kind === 'argument') {
    range = symbol.attribute.nameRange;
  }
  return { target, range };
}

export function rename(index: WorkspaceIndex, file: FileModel, position: TextPosition, newName: string): RenameResult {
  const prepared = prepareRename(index, file, position);
  if ('error' in prepared) return prepared;
  if (!identifier.test(newName)) return { error: `\`${newName}\` is not a valid Terraform name: use letters, digits, underscores and dashes, starting with a letter or underscore` };
  const { target } = prepared;
  const moduleUri = target.uri.slice(0, target.uri.lastIndexOf('/'));
  const newKey = target.key.slice(0, target.key.length - target.key.slice(target.key.lastIndexOf('.') + 1).length) + newName;
  if (index.declaration(moduleUri, newKey)) return { error: `\`${newName}\` is already declared in this module` };
  const edits = new Map<string, { range: TextRange; newText: string }[]>();
  for (const location of references(index, target, true)) {
    const list = edits.get(location.uri) ?? [];
    if (!list.some((e) => e.range.start.line === location.range.start.line && e.range.start.character === location.range.start.character)) {
      list.push({ range: location.range, newText: newName });
    }
    edits.set(location.uri, list);
  }
  return { edits };
}
