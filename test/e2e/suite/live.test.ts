import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { workspaceFile } from './waitFor';

/** Hovers until the hover says something matching `pattern` (the snapshot loads in the background). */
async function hoverUntil(uri: vscode.Uri, at: vscode.Position, pattern: RegExp, tries = 200): Promise<string> {
  let text = '';
  for (let i = 0; i < tries; i++) {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    if (pattern.test(text)) return text;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return text;
}

/** The extension's status item, as its tests see it. */
function workspaceStatus(): { text: string; tooltip: string } {
  const api = vscode.extensions.getExtension<{ workspaceStatus(): { text: string; tooltip: string } }>('cartograph.cartograph')?.exports;
  if (!api) throw new Error('the Cartograph extension is not active');
  return api.workspaceStatus();
}

async function statusUntil(pattern: RegExp, tries = 400): Promise<{ text: string; tooltip: string }> {
  let status = workspaceStatus();
  for (let i = 0; i < tries && !pattern.test(status.text); i++) {
    await new Promise<void>((resolve) => setTimeout(resolve, 25));
    status = workspaceStatus();
  }
  return status;
}

describe('Code meets cloud in the editor', () => {
  after(async () => {
    // The other suites see the Terraform alone again.
    await vscode.commands.executeCommand('cartograph.compareWithSnapshot', '');
  });

  it('hovers a resource linked through terraform.tfstate with its live values', async () => {
    await vscode.commands.executeCommand('cartograph.compareWithSnapshot', workspaceFile('live', 'snapshot.json').fsPath);
    const uri = workspaceFile('main.tf');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('resource "aws_subnet" "private"') + 3);
    const text = await hoverUntil(uri, at, /\*\*Live\*\*/);
    assert.match(text, /\*\*Live\*\* `subnet-0e2e0000000000001` — e2e-private/);
    assert.match(text, /linked by Terraform state \(certain\)/);
    assert.match(text, /\| cidr_block \| `"10\.0\.1\.0\/24"` \| `"10\.0\.1\.0\/24"` \|/);
    assert.match(text, /_Snapshot taken 2026-11-30T09:00:00\.000Z_/);
  });

  it('shows the live status in a code lens above the linked resource', async () => {
    const uri = workspaceFile('main.tf');
    let titles: string[] = [];
    for (let i = 0; i < 200 && !titles.some((t) => t.includes('subnet-0e2e0000000000001')); i++) {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      titles = lenses.map((l) => l.command?.title ?? '');
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    assert.ok(titles.some((t) => /subnet-0e2e0000000000001 · available · no drift/.test(t)), JSON.stringify(titles));
    assert.ok(titles.includes('Show in Diagram'));
  });

  it('shows the profiles and the age of the snapshot in force in the status bar', async () => {
    const status = await statusUntil(/snapshot .*old|snapshot just taken/);
    assert.match(status.text, /baseline/);
    assert.match(status.text, /snapshot (\d+ (min|h|days) old|just taken)/);
    assert.match(status.tooltip, /snapshot\.json, taken 2026-11-30T09:00:00\.000Z: \d+ resources linked/);
    await vscode.commands.executeCommand('cartograph.compareWithSnapshot', '');
    assert.match((await statusUntil(/no snapshot/)).text, /no snapshot/);
    await vscode.commands.executeCommand('cartograph.compareWithSnapshot', workspaceFile('live', 'snapshot.json').fsPath);
  });
});
