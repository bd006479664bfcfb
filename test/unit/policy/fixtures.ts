/** The demo workspace's policy and schema, loaded once for the unit tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPolicy } from '../../../server/policy/buildPolicy';
import type { Policy, PolicyFile } from '../../../server/policy/policyModel';
import { parsePolicyFile } from '../../../server/policy/policyParser';
import { loadPgParser } from '../../../server/sql/pgParser';
import { type Schema, schemaFromSql } from '../../../server/sql/schema';
import { HclParser } from '../../../server/terraform/hclParser';

export const demoFolder = path.join(__dirname, '..', '..', '..', 'examples', 'data');

let parser: Promise<HclParser> | undefined;

export async function policyParser(): Promise<HclParser> {
  await loadPgParser();
  parser ??= HclParser.create('hcl');
  return parser;
}

/** Parses a policy text and merges it with nothing else. */
export async function policyFrom(text: string, file = 'test.policy.hcl'): Promise<{ file: PolicyFile; policy: Policy }> {
  const parsed = parsePolicyFile(file, text, await policyParser());
  return { file: parsed, policy: buildPolicy([parsed]) };
}

export async function demo(): Promise<{ file: PolicyFile; policy: Policy; schema: Schema; text: string }> {
  const text = fs.readFileSync(path.join(demoFolder, 'northwind.policy.hcl'), 'utf8');
  const { file, policy } = await policyFrom(text, path.join(demoFolder, 'northwind.policy.hcl'));
  const schema = schemaFromSql([{ path: 'schema.sql', text: fs.readFileSync(path.join(demoFolder, 'schema.sql'), 'utf8') }]);
  return { file, policy, schema, text };
}
