// What a person sees, in a real VS Code (code-server) with the packaged extension installed:
// the Problems panel, the command palette, the diagram webview. Screenshots go to SHOTS_DIR.
// Usage: node test/e2e/driveUi.mjs BASE_URL WORKSPACE SHOTS_DIR
// Prints one line per check and "N passed, N failed"; exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';

const [base, ws, shots] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
const started = Date.now();
const log = (m) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`);
let passed = 0;
let failed = 0;
const check = (ok, name) => {
  if (ok) passed++;
  else failed++;
  log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
};
const attempt = (promise, name) => promise.then(() => check(true, name), (e) => check(false, `${name} (${e.message.split('\n')[0]})`));

const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('pageerror', (e) => log(`page error: ${e.message}`));

async function palette(command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

async function quickOpen(file) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: file }).first().waitFor({ timeout: 15000 });
}

try {
  await page.goto(`${base}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken.tf' }).waitFor({ timeout: 90000 });
  log('workbench and explorer loaded');

  // 1. Opening a broken .tf file puts the server's syntax error in the Problems panel.
  await quickOpen('broken.tf');
  await page.keyboard.press('Control+Shift+M');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'has no value after' });
  await attempt(problem.first().waitFor({ timeout: 60000 }), 'syntax error shown in the Problems panel');
  const rowText = (await problem.first().textContent().catch(() => '')) ?? '';
  check(/cartograph/.test(rowText) && /\[Ln 6, Col 3\]/.test(rowText), `Problems row names the source and position: ${rowText.replace(/\s+/g, ' ').trim()}`);
  // The squiggle is on screen in the editor.
  await attempt(page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: 15000 }), 'error squiggle drawn in the editor');
  await page.screenshot({ path: path.join(shots, '1-problems-panel.png') });

  // 2. A command from the palette runs: restarting the server keeps the diagnostics coming.
  await palette('Cartograph: Restart Language Server');
  await attempt(page.locator('.statusbar', { hasText: 'Cartograph language server restarted' }).waitFor({ timeout: 30000 }), 'restart command ran from the palette');
  await attempt(problem.first().waitFor({ timeout: 60000 }), 'diagnostics back after the restart');

  // 3. The diagram webview draws the workspace's Terraform (laid out by the server); clicking a
  // subnet shows its attributes, and "Go to definition" opens its declaration.
  await palette('Cartograph: Open Diagram');
  const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  const subnet = webview.locator('g.group[data-id="aws_subnet.private"]');
  await attempt(subnet.waitFor({ timeout: 30000 }), 'diagram webview drew the workspace subnet');
  await attempt(webview.locator('.status', { hasText: 'Terraform' }).waitFor({ timeout: 5000 }), 'diagram says where its content comes from');
  await subnet.locator('rect').first().click().catch(() => {});
  await attempt(webview.locator('.details dd', { hasText: '10.0.1.0/24' }).waitFor({ timeout: 10000 }), 'clicking a node shows its attributes');
  await page.screenshot({ path: path.join(shots, '2-diagram-webview.png') });
  await webview.locator('.details vscode-button', { hasText: 'Go to definition' }).click().catch(() => {});
  await attempt(page.locator('.tab.active', { hasText: 'main.tf' }).waitFor({ timeout: 15000 }), '"Go to definition" opens the declaration');
  await page.screenshot({ path: path.join(shots, '3-go-to-definition.png') });
} catch (error) {
  failed++;
  log(`ERROR ${error.message.split('\n')[0]}`);
  await page.screenshot({ path: path.join(shots, 'error.png') }).catch(() => {});
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
