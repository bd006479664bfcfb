// `npm run bench`: runs every benchmark in bench/ one after another, each with its default size
// (or `--quick` for the small sizes each bench documents). Each prints its own figures and ratios.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const quick = process.argv.includes('--quick');
const quickArgs = {
  'parse.bench.ts': ['--mb', '2'],
  'auditVerify.bench.mjs': ['--entries', '100000'],
  'terraformWorkspace.bench.ts': ['--files', '200', '--mb', '5'],
  'policy.bench.ts': ['--queries', '2000', '--mb', '2'],
  'import.bench.ts': ['--instances', '400', '--subnets', '10'],
  'rules.bench.ts': ['--copies', '20'],
  'diagram.bench.ts': ['--sizes', '200,1000', '--runs', '3', '--dagre-cap', '20'],
  'link.bench.ts': ['--files', '400'],
  'webview.bench.ts': ['--resources', '500'],
};
let failed = 0;
for (const file of fs.readdirSync(here).filter((f) => /\.bench\.m?[jt]s$/.test(f)).sort()) {
  console.log(`\n=== ${file}`);
  const args = ['--require', 'tsx/cjs', path.join(here, file), ...(quick ? (quickArgs[file] ?? []) : [])];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
