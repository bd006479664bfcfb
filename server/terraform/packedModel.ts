import * as v8 from 'node:v8';
import * as zlib from 'node:zlib';
import type { Tree } from 'web-tree-sitter';
import type { Finding, TextRange } from '../protocol/findings';
import { fileModelFromSnapshot, headerModelFromSnapshot, type FileModel } from './fileModel';
import { outline, type OutlineSymbol } from './outline';
import { literalString } from './staticText';
import { syntaxErrors } from './syntaxErrors';
import { flatSnapshotOfTree, headerOfSnapshot, unflattenSnapshot, type FlatSnapshot } from './syntaxSnapshot';

/**
 * What the workspace index knows of a file without reading its model: enough to find a module's
 * callers and to answer workspace symbols over thousands of closed files.
 */
export interface FileSummary {
  /** `module` blocks, with their `source` when it is a literal, in file order (duplicates included: the index takes the first). */
  moduleCalls: { name: string; source?: string }[];
  /** The file's top-level outline entries. */
  symbols: { name: string; kind: OutlineSymbol['kind']; detail?: string; selectionRange: TextRange }[];
}

/**
 * A closed file as the background index delivers it: the file's text and syntax snapshot
 * (`FlatSnapshot`) and syntax findings, compressed, with the summary beside it. A worker makes it
 * right after the parse, without building the model: the model is built from it (3–5 ms for a
 * 26 KB file) when a feature reads the file. Packed, a file takes about a third of its text's size;
 * its model would take about 27 times it on the heap. The index keeps it packed until then, so a
 * 50 MB workspace costs tens of megabytes instead of gigabytes, and the main thread spends nothing
 * on files no one looks at.
 */
export interface PackedFileModel {
  uri: string;
  moduleUri: string;
  kind: FileModel['kind'];
  summary: FileSummary;
  /** Raw-deflated `v8.serialize` of a `PackedContent`, in an ArrayBuffer of its own (so it can be transferred). */
  bytes: Uint8Array;
}

/** What a packed file's bytes hold. */
interface PackedContent {
  text: string;
  snapshot: FlatSnapshot;
  syntax: Finding[];
}

export function moduleCallsOf(model: FileModel): FileSummary['moduleCalls'] {
  const moduleCalls: FileSummary['moduleCalls'] = [];
  if (model.kind !== 'tf') return moduleCalls;
  for (const block of model.body.blocks) {
    if (block.type !== 'module' || block.labels[0] === undefined) continue;
    const source = literalString(block.body.attributes.find((a) => a.name === 'source')?.expr);
    moduleCalls.push({ name: block.labels[0], ...(source !== undefined ? { source } : {}) });
  }
  return moduleCalls;
}

export function summarise(model: FileModel): FileSummary {
  const moduleCalls = moduleCallsOf(model);
  const symbols = outline(model, true).map(({ name, kind, detail, selectionRange }) => ({ name, kind, ...(detail !== undefined ? { detail } : {}), selectionRange }));
  return { moduleCalls, symbols };
}

/** Packs a file from its parse (`text` is what `tree` was parsed from); the tree is left to the caller. */
export function packFile(tree: Tree, text: string, uri: string, kind: FileModel['kind']): PackedFileModel {
  const snapshot = flatSnapshotOfTree(tree);
  const content: PackedContent = { text, snapshot, syntax: tree.rootNode.hasError ? syntaxErrors(tree) : [] };
  // Level 1: the content is repetitive enough that the fastest level already packs it well.
  const deflated = zlib.deflateRawSync(v8.serialize(content), { level: 1 });
  const bytes = new Uint8Array(new ArrayBuffer(deflated.byteLength));
  bytes.set(deflated);
  const summary = summarise(headerModelFromSnapshot(headerOfSnapshot(snapshot, text), uri, kind, text));
  return { uri, moduleUri: uri.slice(0, uri.lastIndexOf('/')), kind, summary, bytes };
}

/** The model of a packed file: the same as `fileModelFromTree` gives for its parse. */
export function unpackModel(packed: PackedFileModel): FileModel {
  const content = v8.deserialize(zlib.inflateRawSync(packed.bytes)) as PackedContent;
  return fileModelFromSnapshot(unflattenSnapshot(content.snapshot, content.text), packed.uri, packed.kind, content.text, content.syntax);
}

export function isPacked(input: FileModel | PackedFileModel): input is PackedFileModel {
  return 'bytes' in input;
}
