import * as fs from 'node:fs';
import type { Tree } from 'web-tree-sitter';
import type { FileModel } from '../terraform/fileModel';
import { fileModelFromTree } from '../terraform/fileModel';
import type { HclParser } from '../terraform/hclParser';
import { packFile, type PackedFileModel } from '../terraform/packedModel';

/** Files larger than this are not indexed (a generated 16 MB `.tf` file is no one's configuration). */
export const maxIndexedBytes = 16 * 1024 * 1024;

export type ParseOutcome = { model: FileModel } | { skipped: string };

/** Reads and models one file from disk; the syntax tree is freed before returning. */
export function parseFileFromDisk(parsers: { terraform: HclParser; hcl: HclParser }, path: string, uri: string): ParseOutcome {
  const text = readIndexedFile(path);
  return typeof text === 'string' ? { model: modelText(parsers, text, uri) } : text;
}

/** Reads and packs one file from disk (see `PackedFileModel`), as the index workers do. */
export function packFileFromDisk(parsers: { terraform: HclParser; hcl: HclParser }, path: string, uri: string): { packed: PackedFileModel } | { skipped: string } {
  const text = readIndexedFile(path);
  return typeof text === 'string' ? { packed: packText(parsers, text, uri) } : text;
}

function readIndexedFile(path: string): string | { skipped: string } {
  try {
    const size = fs.statSync(path).size;
    if (size > maxIndexedBytes) return { skipped: `larger than ${maxIndexedBytes / 1024 / 1024} MB` };
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    return { skipped: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

export function modelText(parsers: { terraform: HclParser; hcl: HclParser }, text: string, uri: string): FileModel {
  return withParse(parsers, text, uri, (tree, kind) => fileModelFromTree(tree, uri, kind, text));
}

/** Packs a file's text as the index workers pack a closed file. */
export function packText(parsers: { terraform: HclParser; hcl: HclParser }, text: string, uri: string): PackedFileModel {
  return withParse(parsers, text, uri, (tree, kind) => packFile(tree, text, uri, kind));
}

/** Parses a file's text with the parser for its kind (tfvars are plain HCL) and frees the tree after `use`. */
function withParse<T>(parsers: { terraform: HclParser; hcl: HclParser }, text: string, uri: string, use: (tree: Tree, kind: FileModel['kind']) => T): T {
  const kind = uri.endsWith('.tfvars') ? 'tfvars' : 'tf';
  const tree = (kind === 'tfvars' ? parsers.hcl : parsers.terraform).parse(text);
  try {
    return use(tree, kind);
  } finally {
    tree.delete();
  }
}
