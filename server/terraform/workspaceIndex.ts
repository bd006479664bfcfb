import type { TextRange } from '../protocol/findings';
import type { AttributeModel, BlockModel, FileModel } from './fileModel';
import { isPacked, moduleCallsOf, summarise, unpackModel, type FileSummary, type PackedFileModel } from './packedModel';
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
 * One file of the index: its model once someone has read it, or the packed model the background
 * index delivered. Unpacked models stay (they are what the caches below are keyed by).
 */
interface IndexedFile {
  uri: string;
  moduleUri: string;
  kind: FileModel['kind'];
  model?: FileModel;
  packed?: PackedFileModel;
}

/** Each unpacked model's module calls (models never change: an edit makes a new one). */
const moduleCalls = new WeakMap<FileModel, FileSummary['moduleCalls']>();

function cachedModuleCallsOf(model: FileModel): FileSummary['moduleCalls'] {
  let calls = moduleCalls.get(model);
  if (!calls) moduleCalls.set(model, (calls = moduleCallsOf(model)));
  return calls;
}

/** Summaries of unpacked models, computed when first asked for. */
const summaries = new WeakMap<FileModel, FileSummary>();

/**
 * Every Terraform file of the workspace as a model, grouped into modules (folders). Files come and
 * go as the editor and the disk change them; module views are rebuilt lazily after a change.
 * Files delivered packed (closed files from the background index) are unpacked only when a
 * feature reads them: a module's files when its view is built, one file for `file(uri)`.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly modules = new Map<string, ModuleIndex>();
  private moduleFiles = new Map<string, Set<string>>();
  /** Bumped on every change: caches keyed by it (evaluation, callers) know when to drop. */
  generation = 0;
  /** Which modules call each folder; undefined when a module's calls (or the set of modules) may have changed. */
  private callersCache: Map<string, { parent: string; name: string }[]> | undefined;
  /** Each module's calls of local modules (see `callersOf`), dropped when one of its files changes. */
  private readonly localCalls = new Map<string, { name: string; child: string }[]>();

  setFile(input: FileModel | PackedFileModel): void {
    const previous = this.files.get(input.uri);
    if (previous && previous.moduleUri !== input.moduleUri) this.removeFile(input.uri);
    const entry: IndexedFile = { uri: input.uri, moduleUri: input.moduleUri, kind: input.kind };
    if (isPacked(input)) entry.packed = input;
    else entry.model = input;
    this.files.set(input.uri, entry);
    let set = this.moduleFiles.get(input.moduleUri);
    if (!set) this.moduleFiles.set(input.moduleUri, (set = new Set()));
    set.add(input.uri);
    this.modules.delete(input.moduleUri);
    this.callsChanged(input.moduleUri);
    this.generation++;
  }

  removeFile(uri: string): void {
    const previous = this.files.get(uri);
    if (!previous) return;
    this.files.delete(uri);
    this.moduleFiles.get(previous.moduleUri)?.delete(uri);
    this.modules.delete(previous.moduleUri);
    this.callsChanged(previous.moduleUri);
    this.generation++;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /** The file's model, unpacked if it was delivered packed. */
  file(uri: string): FileModel | undefined {
    const entry = this.files.get(uri);
    if (!entry) return undefined;
    if (!entry.model && entry.packed) {
      entry.model = unpackModel(entry.packed);
      entry.packed = undefined;
    }
    return entry.model;
  }

  /** The file's model only if it is already unpacked (an open document's previous model, say). */
  resident(uri: string): FileModel | undefined {
    return this.files.get(uri)?.model;
  }

  /** How many files the index holds, and how many of them are unpacked. */
  counts(): { files: number; unpacked: number } {
    let unpacked = 0;
    for (const entry of this.files.values()) if (entry.model) unpacked++;
    return { files: this.files.size, unpacked };
  }

  /**
   * Unpacks every packed file a few at a time, letting the event loop answer the editor between
   * slices: called before a feature that reads the whole workspace (linking to a live snapshot,
   * the diagram), which would otherwise unpack it all at once while the editor waits.
   */
  async unpackAll(sliceMs = 8): Promise<void> {
    let started = performance.now();
    for (const entry of [...this.files.values()]) {
      if (!entry.packed) continue;
      this.file(entry.uri);
      if (performance.now() - started >= sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        started = performance.now();
      }
    }
  }

  /** Every file's model: this unpacks the whole workspace, for the features that read it all. */
  *allFiles(): IterableIterator<FileModel> {
    for (const uri of [...this.files.keys()]) {
      const model = this.file(uri);
      if (model) yield model;
    }
  }

  /** Every file's summary, without unpacking anything. */
  *summaries(): IterableIterator<{ uri: string; moduleUri: string; kind: FileModel['kind']; summary: FileSummary }> {
    for (const entry of this.files.values()) yield { uri: entry.uri, moduleUri: entry.moduleUri, kind: entry.kind, summary: this.summaryOf(entry) };
  }

  private summaryOf(entry: IndexedFile): FileSummary {
    if (entry.packed) return entry.packed.summary;
    const model = entry.model!;
    let summary = summaries.get(model);
    if (!summary) summaries.set(model, (summary = summarise(model)));
    return summary;
  }

  moduleUris(): string[] {
    return [...this.moduleFiles.entries()].filter(([, set]) => set.size > 0).map(([uri]) => uri).sort();
  }

  module(moduleUri: string): ModuleIndex {
    const cached = this.modules.get(moduleUri);
    if (cached) return cached;
    const files = [...(this.moduleFiles.get(moduleUri) ?? [])].sort().map((u) => this.file(u)).filter((f): f is FileModel => f !== undefined);
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
    return path === undefined ? undefined : localModuleUri(call.uri.slice(0, call.uri.lastIndexOf('/')), path);
  }

  /**
   * The module calls that use a folder as their child module. They are found from the files'
   * summaries, so that no module is unpacked but the callers' own.
   */
  callersOf(moduleUri: string): { parent: string; declaration: Declaration }[] {
    if (!this.callersCache) {
      const map = new Map<string, { parent: string; name: string }[]>();
      for (const parent of this.moduleUris()) {
        for (const { name, child } of this.localCallsOf(parent)) {
          const list = map.get(child) ?? [];
          list.push({ parent, name });
          map.set(child, list);
        }
      }
      this.callersCache = map;
    }
    const out: { parent: string; declaration: Declaration }[] = [];
    for (const { parent, name } of this.callersCache.get(moduleUri) ?? []) {
      const declaration = this.declaration(parent, `module.${name}`);
      if (declaration) out.push({ parent, declaration });
    }
    return out;
  }

  /**
   * After a change to one of a module's files: its calls are looked up again, and the callers map
   * is rebuilt only if they differ (a keystroke rarely touches a module block).
   */
  private callsChanged(moduleUri: string): void {
    const before = this.localCalls.get(moduleUri);
    this.localCalls.delete(moduleUri);
    if (!this.callersCache) return;
    const after = (this.moduleFiles.get(moduleUri)?.size ?? 0) > 0 ? this.localCallsOf(moduleUri) : [];
    const same = before !== undefined && before.length === after.length && before.every((c, i) => c.name === after[i].name && c.child === after[i].child);
    if (!same) this.callersCache = undefined;
  }

  /** A module's calls of local child modules, with the folder each one points at. */
  private localCallsOf(moduleUri: string): { name: string; child: string }[] {
    let calls = this.localCalls.get(moduleUri);
    if (calls) return calls;
    calls = [];
    // As with declarations, the first call of a name (files in URI order) is the one that counts.
    const seen = new Set<string>();
    for (const uri of [...(this.moduleFiles.get(moduleUri) ?? [])].sort()) {
      const entry = this.files.get(uri);
      if (!entry || entry.kind !== 'tf') continue;
      for (const call of entry.packed ? entry.packed.summary.moduleCalls : cachedModuleCallsOf(entry.model!)) {
        if (seen.has(call.name)) continue;
        seen.add(call.name);
        const child = call.source === undefined ? undefined : localModuleUri(moduleUri, call.source);
        if (child) calls.push({ name: call.name, child });
      }
    }
    this.localCalls.set(moduleUri, calls);
    return calls;
  }
}

/** The folder a local module source points at, from the calling module's folder. */
function localModuleUri(moduleUri: string, source: string): string | undefined {
  if (!source.startsWith('./') && !source.startsWith('../')) return undefined;
  return resolveUri(moduleUri, source);
}

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
