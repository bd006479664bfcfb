// Runs the same extension-host suites (test/e2e/suite) in a desktop VS Code through
// @vscode/test-electron, for machines that have one. It never downloads VS Code: set
// VSCODE_EXECUTABLE to the `code` binary, or have `code` on PATH.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
let executable = process.env.VSCODE_EXECUTABLE;
if (!executable) {
  try {
    executable = execSync('command -v code', { encoding: 'utf8', shell: '/bin/sh' }).trim();
  } catch {
    executable = undefined;
  }
}
if (!executable) {
  console.error('test:electron needs a desktop VS Code: set VSCODE_EXECUTABLE or put `code` on PATH (npm test uses code-server instead).');
  process.exit(1);
}
execSync('npm run build', { cwd: root, stdio: 'inherit' });
const esbuild = await import('esbuild');
const suite = path.join(root, 'test/e2e/suite');
await esbuild.build({
  entryPoints: fs.readdirSync(suite).filter((f) => f.endsWith('.ts')).map((f) => path.join(suite, f)),
  outdir: path.join(root, 'out/e2e/suite'), platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline',
});
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-e2e-'));
fs.cpSync(path.join(root, 'test/e2e/workspace'), workspace, { recursive: true });
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/e2e/suite/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`extension tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
