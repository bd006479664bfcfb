import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, workspaceFile } from './waitFor';

describe('Cartograph commands', () => {
  it('contributes its commands to the palette', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['cartograph.openDiagram', 'cartograph.restartServer', 'cartograph.showOutput', 'cartograph.verifyAuditLog', 'cartograph.showAuditLog']) assert.ok(all.includes(id), `${id} is registered`);
  });

  it('offers a "Get started" walkthrough whose steps run registered commands, and copies the demo it opens', async () => {
    const extension = vscode.extensions.getExtension<unknown>('cartograph.cartograph');
    const walkthrough = (extension?.packageJSON as { contributes: { walkthroughs: { id: string; steps: { description: string; completionEvents?: string[] }[] }[] } }).contributes.walkthroughs[0];
    assert.equal(walkthrough.id, 'cartograph.getStarted');
    const all = await vscode.commands.getCommands(true);
    for (const step of walkthrough.steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.ok(linked.length > 0, step.description);
      for (const id of linked) assert.ok(all.includes(id), `${id} is registered`);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'cartograph.cartograph#cartograph.getStarted', false);
    // Opening a folder would reload this window: the test asks for the copy alone.
    const demo = await vscode.commands.executeCommand<vscode.Uri>('cartograph.openDemo', { open: false, reset: true });
    const settings = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(demo, '.vscode', 'settings.json')));
    assert.match(settings, /"cartograph\.snapshot": "snapshot\/aws-northwind-production\.json"/);
    for (const file of ['terraform/security.tf', 'terraform/terraform.tfstate', 'data/northwind.policy.hcl', 'data/queries/revenue_by_customer.sql']) {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(demo, ...file.split('/')));
    }
  });

  it('restarts the language server, which then analyses again', async () => {
    await vscode.commands.executeCommand('cartograph.restartServer');
    const doc = await vscode.workspace.openTextDocument({ language: 'terraform', content: 'output "x" {\n  value =\n}\n' });
    const [d] = await diagnosticsWhere(doc.uri, (all) => all.some((x) => x.code === 'CG-HCL-SYNTAX'));
    assert.equal(d.message, 'Syntax error: `value` has no value after `=`');
  });

  it('opens the diagram in an editor tab', async () => {
    const find = (): vscode.Tab | undefined => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Cartograph Diagram');
    const opened = new Promise<vscode.Tab>((resolve) => {
      const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
        const tab = find();
        if (tab) {
          subscription.dispose();
          resolve(tab);
        }
      });
    });
    await vscode.commands.executeCommand('cartograph.openDiagram');
    const tab = find() ?? (await opened);
    assert.ok(tab.input instanceof vscode.TabInputWebview, 'the tab is a webview');
  });

  it('verifies the audit log through the language server', async () => {
    const result = (await vscode.commands.executeCommand('cartograph.verifyAuditLog')) as { file: string; ok: boolean };
    assert.ok(result, 'the command returns the verification');
    assert.match(result.file.replace(/\\/g, '/'), /cartograph\/audit\.jsonl$/i, 'the log lives in the extension\'s global storage');
  });

  it('declares its settings with defaults', () => {
    const config = vscode.workspace.getConfiguration('cartograph');
    assert.equal(config.inspect('trace.server')?.defaultValue, 'off');
  });

  it('keeps running when the workspace holds a file it cannot parse sensibly', async () => {
    const garbage = await vscode.workspace.openTextDocument({ language: 'terraform', content: '}{'.repeat(20000) + '"\u0000\uffff' });
    const diagnostics = await diagnosticsWhere(garbage.uri, (all) => all.length > 0);
    assert.ok(diagnostics.length <= 100, 'diagnostics are capped');
    // The server still answers: a fresh broken document gets its diagnostic.
    const after = await vscode.workspace.openTextDocument({ language: 'terraform', content: 'locals {\n  a = [1,, 2]\n}\n' });
    const [d] = await diagnosticsWhere(after.uri, (all) => all.length > 0);
    assert.equal(d.range.start.line, 1);
    assert.match(d.message, /^Syntax error: (unexpected `,`|expected a value)$/);
    assert.ok((await vscode.workspace.openTextDocument(workspaceFile('main.tf'))).languageId === 'terraform');
  });
});
