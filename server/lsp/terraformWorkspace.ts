import * as fs from 'node:fs';
import { URI } from 'vscode-uri';
import type { Finding } from '../protocol/findings';
import type { HclParser } from '../terraform/hclParser';
import { fileModelFromTree, type FileModel } from '../terraform/fileModel';
import { fileDiagnostics } from '../terraform/moduleDiagnostics';
import { WorkspaceIndex } from '../terraform/workspaceIndex';
import { findFiles, isTerraformFile } from '../workspace/findFiles';
import { indexFiles, type IndexProgress } from '../workspace/backgroundIndexer';
import { parseFileFromDisk } from '../workspace/parseFile';
import type { DocumentStore, ParsedDocument } from './documentStore';

/**
 * The Terraform side of the language server: the workspace index fed by open documents (as typed)
 * and by files on disk (in the background), and the findings of each file. Open documents always
 * win over their saved copies.
 */
export class TerraformWorkspace {
  readonly index = new WorkspaceIndex();
  /** Folders whose files are all in the index: only there can a missing declaration be reported. */
  private readonly completeFolders = new Set<string>();
  private readonly folderJobs = new Map<string, Promise<void>>();
  /** Called when a folder becomes complete, to refresh its open documents' findings. */
  onFolderComplete: (moduleUri: string) => void = () => undefined;
  skipped: { uri: string; reason: string }[] = [];
  backgroundDone = false;
  /** Files the background index has yet to deliver, with who waits for each. */
  private readonly backgroundPending = new Map<string, (() => void)[]>();
  /** Folders an opened document waits for: the background index takes their files first. */
  private readonly prioritised = new Set<string>();

  constructor(
    private readonly store: DocumentStore,
    private readonly parsers: { terraform: HclParser; hcl: HclParser },
    private readonly log: (message: string) => void,
  ) {}

  static isTerraform(entry: ParsedDocument): boolean {
    return entry.kind === 'terraform' || entry.kind === 'tfvars';
  }

  /** Models an open document from its current tree and puts it in the index. */
  update(entry: ParsedDocument): FileModel | undefined {
    if (!TerraformWorkspace.isTerraform(entry) || !entry.tree) return undefined;
    // Open documents keep their top-level items, so that an edit re-models only what it touched.
    const previous = this.index.resident(entry.document.uri);
    const model = fileModelFromTree(entry.tree, entry.document.uri, entry.kind === 'tfvars' ? 'tfvars' : 'tf', entry.document.getText(), { keepItems: true, previous });
    this.index.setFile(model);
    void this.completeFolder(model.moduleUri);
    return model;
  }

  isFolderComplete(moduleUri: string): boolean {
    return this.completeFolders.has(moduleUri);
  }

  /**
   * Indexes the rest of an opened document's folder ahead of the background index, a file at a
   * time between the editor's requests: the document's own findings are published at once, and the
   * ones that need the whole module (undeclared references, duplicates) follow when it is complete.
   */
  completeFolder(moduleUri: string): Promise<void> {
    if (this.completeFolders.has(moduleUri)) return Promise.resolve();
    const running = this.folderJobs.get(moduleUri);
    if (running) return running;
    const job = (async () => {
      if (moduleUri.startsWith('file:')) {
        const dir = URI.parse(moduleUri).fsPath;
        let names: string[];
        try {
          names = fs.readdirSync(dir).filter(isTerraformFile);
        } catch {
          names = [];
        }
        for (const name of names) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          const uri = URI.file(`${dir}/${name}`).toString();
          if (this.index.has(uri) || this.store.get(uri)) continue;
          const waiting = this.backgroundPending.get(uri);
          if (waiting) {
            // The background index is on it: have it take this folder first rather than parse twice.
            this.prioritised.add(moduleUri);
            await new Promise<void>((resolve) => waiting.push(resolve));
            if (this.index.has(uri) || this.store.get(uri)) continue;
          }
          const outcome = parseFileFromDisk(this.parsers, `${dir}/${name}`, uri);
          if ('model' in outcome && !this.index.has(uri)) this.index.setFile(outcome.model);
        }
      }
      this.completeFolders.add(moduleUri);
      this.prioritised.delete(moduleUri);
      this.folderJobs.delete(moduleUri);
      this.onFolderComplete(moduleUri);
    })();
    this.folderJobs.set(moduleUri, job);
    return job;
  }

  /** After a document closes, the saved file takes its place in the index (or leaves it, if it was never saved). */
  closed(uri: string): void {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file' || !fs.existsSync(parsed.fsPath)) {
      this.index.removeFile(uri);
      return;
    }
    const outcome = parseFileFromDisk(this.parsers, parsed.fsPath, uri);
    if ('model' in outcome) this.index.setFile(outcome.model);
  }

  /** A file changed, appeared or vanished on disk (a watched-files event). Open documents ignore the disk. */
  diskChanged(uri: string, deleted: boolean): void {
    if (this.store.get(uri)) return;
    if (deleted) {
      this.index.removeFile(uri);
      return;
    }
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file' || !isTerraformFile(parsed.fsPath)) return;
    const outcome = parseFileFromDisk(this.parsers, parsed.fsPath, uri);
    if ('model' in outcome) this.index.setFile(outcome.model);
  }

  /** Indexes every Terraform file of the folders, in the background, with progress. */
  async indexFolders(folders: readonly string[], onProgress: (p: IndexProgress) => void, isCancelled: () => boolean): Promise<void> {
    const files: { path: string; uri: string }[] = [];
    for (const folder of folders) {
      const walk = findFiles(folder, isTerraformFile);
      for (const s of walk.skipped) this.skipped.push({ uri: URI.file(s.path).toString(), reason: s.reason });
      for (const file of walk.files) {
        const uri = URI.file(file).toString();
        if (!this.index.has(uri)) files.push({ path: file, uri });
      }
    }
    const started = Date.now();
    for (const f of files) if (!this.backgroundPending.has(f.uri)) this.backgroundPending.set(f.uri, []);
    const delivered = (uri: string): void => {
      const waiters = this.backgroundPending.get(uri);
      this.backgroundPending.delete(uri);
      for (const wake of waiters ?? []) wake();
    };
    try {
      await indexFiles(
        files,
        this.parsers,
        (model) => {
          // A document opened meanwhile is already indexed as the editor holds it.
          if (!this.store.get(model.uri)) this.index.setFile(model);
          delivered(model.uri);
        },
        (file, reason) => {
          this.skipped.push({ uri: file.uri, reason });
          this.log(`skipped ${file.path}: ${reason}`);
          delivered(file.uri);
        },
        onProgress,
        isCancelled,
        this.prioritised,
      );
    } finally {
      // Whatever was not delivered (a cancelled index) is left to whoever waits for it.
      for (const f of files) if (this.backgroundPending.has(f.uri)) delivered(f.uri);
    }
    this.backgroundDone = true;
    for (const moduleUri of this.index.moduleUris()) this.completeFolders.add(moduleUri);
    this.log(`indexed ${files.length} Terraform file(s) in ${Date.now() - started} ms`);
  }

  findings(uri: string): Finding[] {
    const file = this.index.file(uri);
    return file ? fileDiagnostics(this.index, file, { wholeModule: this.completeFolders.has(file.moduleUri) }) : [];
  }
}
