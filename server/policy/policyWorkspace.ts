/**
 * Finds what a SQL file is previewed against: the policy files (`*.policy.hcl`), the `CREATE TABLE`
 * schema and the seed data (`INSERT`s, `<table>.csv`) in the file's folder and each folder above it,
 * up to the workspace root.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HclParser } from '../terraform/hclParser';
import { loadPgParser } from '../sql/pgParser';
import { type Schema, type SqlSource, schemaFromSql } from '../sql/schema';
import { type SeedData, seedFromCsv, seedFromSql } from '../sql/seedData';
import { buildPolicy } from './buildPolicy';
import type { Policy, PolicyFile } from './policyModel';
import { parsePolicyFile } from './policyParser';

/** What a SQL file is previewed against. */
export interface PolicyWorkspace {
  policy: Policy;
  schema: Schema;
  seed: SeedData;
  /** The folders searched, from the workspace root down to the file's own. */
  folders: string[];
}

/** The folders from `root` down to `dir` (just `dir` when it is not inside `root`). */
export function foldersUpTo(dir: string, root: string): string[] {
  const folders: string[] = [];
  let current = path.resolve(dir);
  const top = path.resolve(root);
  const inside = current === top || current.startsWith(top + path.sep);
  for (;;) {
    folders.unshift(current);
    if (!inside || current === top) break;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return folders;
}

/** Reads the policy, schema and seed data a SQL file at `file` is previewed against. */
export async function loadPolicyWorkspace(file: string, root: string): Promise<PolicyWorkspace> {
  await loadPgParser();
  const folders = foldersUpTo(path.dirname(path.resolve(file)), root);
  const policyPaths: string[] = [];
  const sqlSources: SqlSource[] = [];
  const csvPaths: string[] = [];
  for (const folder of folders) {
    let entries: string[];
    try {
      entries = fs.readdirSync(folder).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry);
      if (entry.endsWith('.policy.hcl')) policyPaths.push(full);
      else if (entry.endsWith('.sql') && isFile(full)) sqlSources.push({ path: full, text: fs.readFileSync(full, 'utf8') });
      else if (entry.endsWith('.csv') && isFile(full)) csvPaths.push(full);
    }
  }
  const files: PolicyFile[] = [];
  if (policyPaths.length) {
    const parser = await HclParser.create('hcl');
    try {
      for (const policyPath of policyPaths) files.push(parsePolicyFile(policyPath, fs.readFileSync(policyPath, 'utf8'), parser));
    } finally {
      parser.delete();
    }
  }
  const schema = schemaFromSql(sqlSources);
  const seed = seedFromSql(sqlSources, schema);
  for (const csvPath of csvPaths) {
    const insert = seedFromCsv(path.basename(csvPath, '.csv'), fs.readFileSync(csvPath, 'utf8'), schema);
    if (insert) {
      seed.statements.push(insert);
      seed.files.push(csvPath);
    }
  }
  return { policy: buildPolicy(files), schema, seed, folders };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
