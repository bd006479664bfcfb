/**
 * Loads a golden Terraform case: a folder of `.tf`/`.tfvars` files (subfolders are modules) into a
 * workspace index, with annotations stripped and the `$0` cursor found and removed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HclParser } from '../../server/terraform/hclParser';
import { WorkspaceIndex } from '../../server/terraform/workspaceIndex';
import { modelText } from '../../server/workspace/parseFile';
import type { TextPosition } from '../../server/protocol/findings';
import { stripAnnotations } from './annotations';

export const caseRoot = 'file:///case';

export interface LoadedCase {
  index: WorkspaceIndex;
  /** Relative path → text as analysed (annotations and cursor removed). */
  texts: Map<string, string>;
  /** Relative path → text as stored in the case folder. */
  stored: Map<string, string>;
  cursor?: { file: string; uri: string; position: TextPosition };
}

let parsers: Promise<{ terraform: HclParser; hcl: HclParser }> | undefined;
export function caseParsers(): Promise<{ terraform: HclParser; hcl: HclParser }> {
  parsers ??= (async () => ({ terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') }))();
  return parsers;
}

export function uriOf(relative: string): string {
  return `${caseRoot}/${relative.split(path.sep).join('/')}`;
}

export function relativeOf(uri: string): string {
  return uri.startsWith(`${caseRoot}/`) ? uri.slice(caseRoot.length + 1) : uri;
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith('.tf') || entry.name.endsWith('.tfvars')) out.push(rel);
  }
  return out;
}

export async function loadCase(dir: string): Promise<LoadedCase> {
  const p = await caseParsers();
  const index = new WorkspaceIndex();
  const texts = new Map<string, string>();
  const stored = new Map<string, string>();
  let cursor: LoadedCase['cursor'];
  for (const rel of listFiles(dir)) {
    const raw = fs.readFileSync(path.join(dir, rel), 'utf8');
    stored.set(rel, raw);
    let text = stripAnnotations(raw);
    const at = text.indexOf('$0');
    if (at !== -1) {
      const before = text.slice(0, at);
      const line = before.split('\n').length - 1;
      cursor = { file: rel, uri: uriOf(rel), position: { line, character: at - (before.lastIndexOf('\n') + 1) } };
      text = before + text.slice(at + 2);
    }
    texts.set(rel, text);
    index.setFile(modelText(p, text, uriOf(rel)));
  }
  return { index, texts, stored, cursor };
}

/** Compares or, with UPDATE_GOLDEN=1, writes an expectation file. A missing expectation fails. */
export function expectGolden(file: string, actual: string): { ok: true } | { ok: false; expected: string | undefined } {
  const update = process.env.UPDATE_GOLDEN === '1';
  const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (update) {
    if (expected !== actual) fs.writeFileSync(file, actual);
    return { ok: true };
  }
  return expected === actual ? { ok: true } : { ok: false, expected };
}

export function caseFolders(kind: string): string[] {
  const dir = path.join(__dirname, 'terraform', kind);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name)).sort();
}
