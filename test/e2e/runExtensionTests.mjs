// Runs the mocha suites of test/e2e/suite inside code-server's real extension host, the way VS Code's
// own browser integration tests do: the workbench URL carries a `payload` with
// extensionDevelopmentPath and extensionTestsPath, and reports back through codeAutomationLog and
// codeAutomationExit. code-server must run with `--vscode-option enable-smoke-test-driver`, without
// which the built workbench ignores the payload.
// Usage: node test/e2e/runExtensionTests.mjs BASE_URL EXTENSION_DIR TESTS_MODULE WORKSPACE SCREENSHOT
import path from 'node:path';
import { launchBrowser } from './browser.mjs';

const [base, extDir, testsPath, ws, shot] = process.argv.slice(2);
const remote = (p) => `vscode-remote://${new URL(base).host}${path.resolve(p)}`;
const payload = JSON.stringify([
  ['extensionDevelopmentPath', remote(extDir)],
  ['extensionTestsPath', remote(testsPath)],
  ['skipWelcome', 'true'],
]);
const url = `${base}/?folder=${encodeURIComponent(path.resolve(ws))}&payload=${encodeURIComponent(payload)}`;
const started = Date.now();
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const limit = Number(process.env.E2E_TIMEOUT_S || 300);
let finished = false;
const timer = setTimeout(async () => {
  console.error(`extension tests did not finish within ${limit}s`);
  await page.screenshot({ path: shot }).catch(() => {});
  await browser.close();
  process.exit(2);
}, limit * 1000);
if (process.env.VERBOSE) page.on('console', (m) => console.log(`[browser] ${m.text()}`));
await page.exposeFunction('codeAutomationLog', (type, args) => {
  // The offline workbench logs failed gallery and telemetry look-ups: not the tests' business.
  if (!process.env.VERBOSE && args.some((a) => /ENOTFOUND|EAI_AGAIN/.test(String(a)))) return;
  (console[type] || console.log)(...args);
});
await page.exposeFunction('codeAutomationExit', async (code) => {
  if (finished) return;
  finished = true;
  clearTimeout(timer);
  console.log(`extension host tests exited with code ${code} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  await page.screenshot({ path: shot }).catch(() => {});
  await browser.close();
  process.exit(code);
});
await page.goto(url);
