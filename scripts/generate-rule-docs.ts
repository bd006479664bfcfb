/**
 * Writes docs/rules/<ID>.md for every compliance rule and the index docs/rules/README.md, and
 * removes pages of rules that no longer exist. Run: node --require tsx/cjs scripts/generate-rule-docs.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedRuleDocs } from '../server/rules/ruleDocs';

const dir = path.join(__dirname, '..', 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
const pages = generatedRuleDocs();
for (const name of fs.readdirSync(dir)) {
  if (name.endsWith('.md') && !pages.has(name)) fs.rmSync(path.join(dir, name));
}
for (const [name, content] of pages) fs.writeFileSync(path.join(dir, name), content);
process.stdout.write(`Wrote ${pages.size} pages to ${path.relative(process.cwd(), dir) || '.'}\n`);
