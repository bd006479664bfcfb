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

  // 4. Export SVG: the save dialog offers cartograph-infra.svg in the workspace; the file is a picture.
  await page.locator('.tab', { hasText: 'Cartograph Diagram' }).first().click();
  await webview.locator('vscode-button', { hasText: 'SVG' }).click();
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.press('Enter');
  const exported = path.join(ws, 'cartograph-infra.svg');
  await attempt(page.locator('.notifications-toasts', { hasText: 'saved the diagram' }).waitFor({ timeout: 15000 }), 'export SVG saved the picture');
  const svgText = fs.existsSync(exported) ? fs.readFileSync(exported, 'utf8') : '';
  check(/^<\?xml[^>]*>\s*<svg /.test(svgText) && svgText.includes('aws_subnet.private'), 'the exported SVG draws the workspace');

  // 5. The security-group view.
  await webview.locator('vscode-single-select').click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await attempt(webview.locator('.status', { hasText: 'Terraform' }).waitFor({ timeout: 10000 }), 'security-group view drawn');
  await attempt(webview.locator('g.node', { hasText: 'Internet' }).first().waitFor({ timeout: 10000 }), 'the Internet is a node of its own');
  await page.screenshot({ path: path.join(shots, '4-security-view.png') });

  // 6. A hostile snapshot: names that are markup and script render as text, and no script runs.
  // The snapshot comes from the workspace setting, as a team would commit it; the diagram redraws.
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'cartograph.snapshot': 'live/hostile.json' }));
  await attempt(webview.locator('.status', { hasText: 'snapshot live/hostile.json' }).waitFor({ timeout: 30000 }), 'the diagram shows the snapshot named in the settings');
  await webview.locator('vscode-single-select').click();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const hostileLabel = webview.locator('g.group text', { hasText: '<img src=x onerror=' });
  await attempt(hostileLabel.first().waitFor({ timeout: 20000 }), 'a hostile name is drawn as text');
  await attempt(webview.locator('g.group text', { hasText: '"><script>' }).first().waitFor({ timeout: 5000 }), 'a name with a script tag is drawn as text');
  // Every frame of the page, the webview's included, is asked whether a planted script set its flag.
  const pwned = [];
  for (const f of page.frames()) pwned.push(await f.evaluate(() => window.__pwned ?? null).catch(() => null));
  check(page.frames().length > 2 && pwned.every((v) => v === null), `no script from the snapshot ran (${pwned.filter((v) => v !== null).length} of ${pwned.length} frames touched)`);
  const made = (await webview.locator('img').count()) + (await webview.locator('script', { hasText: '__pwned' }).count());
  check(made === 0, `no element was made from a cloud-supplied string (${made} found)`);
  await page.screenshot({ path: path.join(shots, '5-hostile-snapshot.png') });
} catch (error) {
  failed++;
  log(`ERROR ${error.message.split('\n')[0]}`);
  await page.screenshot({ path: path.join(shots, 'error.png') }).catch(() => {});
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
