import * as fs from 'node:fs';
import * as path from 'node:path';
import { Edit, Language, Parser, type Point, type Tree } from 'web-tree-sitter';

/**
 * The HCL dialects Cartograph parses. `terraform` is the Terraform grammar (a superset of HCL
 * that knows `for` and `dynamic` forms); `hcl` is plain HCL, used for `.tfvars` and policy files.
 */
export type HclDialect = 'terraform' | 'hcl';

const grammarFile: Record<HclDialect, string> = {
  terraform: 'tree-sitter-terraform.wasm',
  hcl: 'tree-sitter-hcl.wasm',
};

/**
 * Finds a `.wasm` file. In the bundles (dist/) the build copies each one next to the JavaScript; when
 * the sources run directly (tests, tsx) they are read from the npm packages that ship them.
 */
export function wasmPath(file: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  const fromPackage: Record<string, string> = {
    'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
    'tree-sitter-terraform.wasm': '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
    'tree-sitter-hcl.wasm': '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm',
  };
  const request = fromPackage[file];
  if (!request) throw new Error(`Cartograph does not know the WebAssembly file ${file}`);
  return resolveInPackages(request);
}

function resolveInPackages(request: string): string {
  const [scopeOrName, maybeName, ...rest] = request.split('/');
  const pkg = scopeOrName.startsWith('@') ? `${scopeOrName}/${maybeName}` : scopeOrName;
  const inner = scopeOrName.startsWith('@') ? rest.join('/') : [maybeName, ...rest].join('/');
  // Resolve the package folder through its package.json, which every package exposes to `require`
  // even when its `exports` map hides the file we want.
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', pkg, inner);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`Cannot find ${request}: run \`npm ci\` in the Cartograph folder`);
}

let languages: Promise<Record<HclDialect, Language>> | undefined;

/** Loads the tree-sitter runtime and both grammars once per process. */
export function loadHclLanguages(): Promise<Record<HclDialect, Language>> {
  languages ??= (async () => {
    await Parser.init({ locateFile: (file: string) => wasmPath(file) });
    const [terraform, hcl] = await Promise.all([
      Language.load(fs.readFileSync(wasmPath(grammarFile.terraform))),
      Language.load(fs.readFileSync(wasmPath(grammarFile.hcl))),
    ]);
    return { terraform, hcl };
  })();
  return languages;
}

/** A text change in the editor's terms: UTF-16 offsets into the text before the change. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * One parser per document kind, kept with the document's last tree so that an edit re-parses only
 * what changed. Trees are WebAssembly memory: the owner of a tree frees it with `delete()`.
 */
export class HclParser {
  private readonly parser: Parser;

  constructor(readonly dialect: HclDialect, language: Language) {
    this.parser = new Parser();
    this.parser.setLanguage(language);
  }

  static async create(dialect: HclDialect): Promise<HclParser> {
    const langs = await loadHclLanguages();
    return new HclParser(dialect, langs[dialect]);
  }

  /** Parses `text` from scratch. */
  parse(text: string): Tree {
    const tree = this.parser.parse(text);
    if (!tree) throw new Error('The HCL parser returned no tree');
    return tree;
  }

  /**
   * Re-parses after edits. `oldText` is the text `oldTree` was parsed from; the edits apply in order,
   * each to the text left by the ones before it (the order LSP sends them). The old tree is edited in
   * place and stays owned by the caller.
   */
  reparse(oldTree: Tree, oldText: string, edits: readonly TextEdit[]): { tree: Tree; text: string } {
    let text = oldText;
    for (const e of edits) {
      const startPosition = pointAt(text, e.start);
      const oldEndPosition = pointAt(text, e.end);
      const next = text.slice(0, e.start) + e.newText + text.slice(e.end);
      const newEndIndex = e.start + e.newText.length;
      oldTree.edit(
        new Edit({
          startIndex: e.start,
          oldEndIndex: e.end,
          newEndIndex,
          startPosition,
          oldEndPosition,
          newEndPosition: pointAt(next, newEndIndex),
        }),
      );
      text = next;
    }
    const tree = this.parser.parse(text, oldTree);
    if (!tree) throw new Error('The HCL parser returned no tree');
    return { tree, text };
  }

  delete(): void {
    this.parser.delete();
  }
}

/** Row and UTF-16 column of an offset, the units web-tree-sitter uses for JavaScript strings. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
