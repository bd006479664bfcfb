import type { TextRange } from '../protocol/findings';
import type { AttributeModel, BlockModel, FileModel } from './fileModel';
import { literalString } from './staticText';

/** What a declaration declares; `key` below is how references name it. */
export type DeclarationKind = 'variable' | 'local' | 'output' | 'module' | 'data' | 'resource' | 'provider';

/**
 * One declaration in a module. Keys: `var.x`, `local.x`, `output.x`, `module.m`, `data.t.n`,
 * `t.n` (managed resources), `provider.aws` and `provider.aws.alias`.
 */
export interface Declaration {
  key: string;
  kind: DeclarationKind;
  /** The name a user reads: `x`, `aws_vpc.main`, `data.aws_ami.ubuntu`, `module.net`. */
  name: string;
  uri: string;
  /** The whole block, or the attribute for a local. */
  range: TextRange;
  /** The declared name (a label, or a local's attribute name): where definition lands and rename edits. */
  selectionRange: TextRange;
  block?: BlockModel;
  attribute?: AttributeModel;
}

/** The declarations and variable assignments of one folder of `.tf` and `.tfvars` files. */
export interface ModuleIndex {
  uri: string;
  files: FileModel[];
  declarations: Map<string, Declaration[]>;
  /** Assignments from `terraform.tfvars` then `*.auto.tfvars` (alphabetical): later ones win. */
  tfvars: { file: FileModel; attribute: AttributeModel }[];
}

/** Which `.tfvars` files Terraform loads by itself, in the order it loads them. */
export function autoLoadedTfvars(uri: string): number | undefined {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  if (name === 'terraform.tfvars') return 0;
  if (name.endsWith('.auto.tfvars')) return 1;
  return undefined;
}

/**
 * Each model's declarations, computed once: models never change (an edit makes a new one), and a
 * module is rebuilt after every edit of any of its files.
 */
const declarationCache = new WeakMap<FileModel, readonly Declaration[]>();

function cachedDeclarationsOf(file: FileModel): readonly Declaration[] {
  let list = declarationCache.get(file);
  if (!list) declarationCache.set(file, (list = declarationsOf(file)));
  return list;
}

export function declarationsOf(file: FileModel): Declaration[] {
  const out: Declaration[] = [];
  if (file.kind !== 'tf') return out;
  for (const block of file.body.blocks) {
    const [first, second] = block.labels;
    const labelRange = (i: number): TextRange => block.labelRanges[i] ?? block.typeRange;
    const add = (key: string, kind: DeclarationKind, name: string, selectionRange: TextRange): void => {
      out.push({ key, kind, name, uri: file.uri, range: block.range, selectionRange, block });
    };
    switch (block.type) {
      case 'variable':
        if (first !== undefined) add(`var.${first}`, 'variable', first, labelRange(0));
        break;
      case 'output':
        if (first !== undefined) add(`output.${first}`, 'output', first, labelRange(0));
        break;
      case 'module':
        if (first !== undefined) add(`module.${first}`, 'module', `module.${first}`, labelRange(0));
        break;
      case 'resource':
        if (first !== undefined && second !== undefined) add(`${first}.${second}`, 'resource', `${first}.${second}`, labelRange(1));
        break;
      case 'data':
        if (first !== undefined && second !== undefined) add(`data.${first}.${second}`, 'data', `data.${first}.${second}`, labelRange(1));
        break;
      case 'provider': {
        if (first === undefined) break;
        const alias = block.body.attributes.find((a) => a.name === 'alias');
        const aliasName = literalString(alias?.expr);
        if (aliasName) add(`provider.${first}.${aliasName}`, 'provider', `${first}.${aliasName}`, alias?.expr.range ?? labelRange(0));
        else add(`provider.${first}`, 'provider', first, labelRange(0));
        break;
      }
      case 'locals':
        for (const attribute of block.body.attributes) {
          out.push({ key: `local.${attribute.name}`, kind: 'local', name: attribute.name, uri: file.uri, range: attribute.range, selectionRange: attribute.nameRange, attribute });
        }
        break;
    }
  }
  return out;
}

/**
 * Every Terraform file of the workspace as a model, grouped into modules (folders). Files come and
 * go as the editor and the disk change them; module views are rebuilt lazily after a change.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, FileModel>();
  private readonly modules = new Map<string, ModuleIndex>();
  private moduleFiles = new Map<string, Set<string>>();
  /** Bumped on every change: caches keyed by it (evaluation, callers) know when to drop. */
  generation = 0;
  private callersCache: { generation: number; map: Map<string, { parent: string; declaration: Declaration }[]> } | undefined;

  setFile(model: FileModel): void {
    const previous = this.files.get(model.uri);
    if (previous && previous.moduleUri !== model.moduleUri) this.removeFile(model.uri);
    this.files.set(model.uri, model);
    let set = this.moduleFiles.get(model.moduleUri);
    if (!set) this.moduleFiles.set(model.moduleUri, (set = new Set()));
    set.add(model.uri);
    this.modules.delete(model.moduleUri);
    this.generation++;
  }

  removeFile(uri: string): void {
    const previous = this.files.get(uri);
    if (!previous) return;
    this.files.delete(uri);
    this.moduleFiles.get(previous.moduleUri)?.delete(uri);
    this.modules.delete(previous.moduleUri);
    this.generation++;
  }

  file(uri: string): FileModel | undefined {
    return this.files.get(uri);
  }

  allFiles(): IterableIterator<FileModel> {
    return this.files.values();
  }

  moduleUris(): string[] {
    return [...this.moduleFiles.entries()].filter(([, set]) => set.size > 0).map(([uri]) => uri).sort();
  }

  module(moduleUri: string): ModuleIndex {
    const cached = this.modules.get(moduleUri);
    if (cached) return cached;
    const files = [...(this.moduleFiles.get(moduleUri) ?? [])].sort().map((u) => this.files.get(u)).filter((f): f is FileModel => f !== undefined);
    const declarations = new Map<string, Declaration[]>();
    for (const file of files) {
      for (const d of cachedDeclarationsOf(file)) {
        const list = declarations.get(d.key);
        if (list) list.push(d);
        else declarations.set(d.key, [d]);
      }
    }
    const tfvars = files
      .filter((f) => f.kind === 'tfvars' && autoLoadedTfvars(f.uri) !== undefined)
      .sort((a, b) => autoLoadedTfvars(a.uri)! - autoLoadedTfvars(b.uri)! || (a.uri < b.uri ? -1 : 1))
      .flatMap((file) => file.body.attributes.map((attribute) => ({ file, attribute })));
    const index: ModuleIndex = { uri: moduleUri, files, declarations, tfvars };
    this.modules.set(moduleUri, index);
    return index;
  }

  /** The first declaration of a key in a module (duplicates are reported elsewhere). */
  declaration(moduleUri: string, key: string): Declaration | undefined {
    return this.module(moduleUri).declarations.get(key)?.[0];
  }

  /** The folder a local module call points at (`source = "./net"`), or undefined for registry and remote sources. */
  childModuleUri(call: Declaration): string | undefined {
    const path = literalString(call.block?.body.attributes.find((a) => a.name === 'source')?.expr);
    if (path === undefined || (!path.startsWith('./') && !path.startsWith('../'))) return undefined;
    return resolveUri(call.uri.slice(0, call.uri.lastIndexOf('/')), path);
  }

  /** The module calls that use a folder as their child module. */
  callersOf(moduleUri: string): { parent: string; declaration: Declaration }[] {
    if (!this.callersCache || this.callersCache.generation !== this.generation) {
      // Each module's own calls are kept with its module view, which an edit elsewhere leaves
      // alone: after a keystroke only the edited module's calls are looked up again.
      const map = new Map<string, { parent: string; declaration: Declaration }[]>();
      for (const parent of this.moduleUris()) {
        for (const call of this.localCallsOf(parent)) {
          const entry = map.get(call.child) ?? [];
          entry.push({ parent, declaration: call.declaration });
          map.set(call.child, entry);
        }
      }
      this.callersCache = { generation: this.generation, map };
    }
    return this.callersCache.map.get(moduleUri) ?? [];
  }

  /** A module's calls of local child modules, with the folder each one points at. */
  private localCallsOf(moduleUri: string): { child: string; declaration: Declaration }[] {
    const view = this.module(moduleUri);
    let calls = localCalls.get(view);
    if (!calls) {
      calls = [];
      for (const [key, list] of view.declarations) {
        if (!key.startsWith('module.')) continue;
        const child = this.childModuleUri(list[0]);
        if (child) calls.push({ child, declaration: list[0] });
      }
      localCalls.set(view, calls);
    }
    return calls;
  }
}

/** Each module view's local module calls (see `WorkspaceIndex.localCallsOf`). */
const localCalls = new WeakMap<ModuleIndex, { child: string; declaration: Declaration }[]>();

/** Resolves a relative path against a folder URI, the way Terraform resolves a local module source. */
export function resolveUri(folderUri: string, relative: string): string {
  const scheme = folderUri.match(/^[a-z][\w+.-]*:\/\/[^/]*/i)?.[0] ?? '';
  const parts = folderUri.slice(scheme.length).split('/');
  for (const piece of relative.split('/')) {
    if (piece === '' || piece === '.') continue;
    if (piece === '..') {
      if (parts.length > 1) parts.pop();
    } else parts.push(piece);
  }
  return scheme + parts.join('/').replace(/\/$/, '');
}
