import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, workspaceFile } from './waitFor';

interface PreviewResult {
  role: string;
  text: string;
  statements: { rewritten: string | null; refused: { reason: string } | null; rows?: Record<string, unknown>[] }[];
}

describe('Data policy preview in the editor', () => {
  it('offers a "Preview as" code lens on each statement', async () => {
    const uri = workspaceFile('orders.sql');
    await vscode.window.showTextDocument(uri);
    let lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < 100 && lenses.length < 2; i++) {
      lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      if (lenses.length < 2) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    assert.equal(lenses.length, 2);
    assert.match(lenses[0].command?.title ?? '', /Preview as Analyst/);
  });

  it('previews a query as the role: tenant filter injected, column masked, real rows', async () => {
    const session = await vscode.commands.executeCommand('cartograph.pickPreviewSession', { role: 'Analyst', attributes: { org_id: '1' } });
    assert.deepEqual(session, { role: 'Analyst', attributes: { org_id: '1' } });
    const uri = workspaceFile('orders.sql');
    const result = await vscode.commands.executeCommand<PreviewResult>('cartograph.previewStatement', uri.toString(), 0);
    assert.ok(result, 'the preview returns its result');
    const [first] = result.statements;
    assert.match(first.rewritten ?? '', /org_id = '1'/);
    // numeric columns come back as exact decimal strings.
    assert.deepEqual(first.rows, [
      { id: 1, email: '***', amount: '10' },
      { id: 2, email: '***', amount: '20' },
    ]);
    const preview = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'cartograph-preview');
    assert.ok(preview, 'the preview opens beside the query');
    assert.match(preview.getText(), /row filter orders\.same_tenant/);
  });

  it('reports a join that can mix tenants for a role exempt from the tenant filter', async () => {
    // With no role picked, every role is checked: Owner sees all tenants, so the join can mix them.
    await vscode.commands.executeCommand('cartograph.pickPreviewSession', { role: '', attributes: {} });
    const uri = workspaceFile('orders.sql');
    const diagnostics = await diagnosticsWhere(uri, (all) => all.some((d) => d.range.start.line === 2));
    const join = diagnostics.find((d) => d.range.start.line === 2);
    assert.ok(join);
    assert.match(join.message, /tenant/i);
    assert.match(join.message, /Owner/);
  });

  it('previews with the picked session after the language server restarts', async () => {
    await vscode.commands.executeCommand('cartograph.pickPreviewSession', { role: 'Analyst', attributes: { org_id: '2' } });
    await vscode.commands.executeCommand('cartograph.restartServer');
    try {
      const result = await vscode.commands.executeCommand<PreviewResult>('cartograph.previewStatement', workspaceFile('orders.sql').toString(), 0);
      assert.equal(result.role, 'Analyst');
      assert.equal(result.statements[0].refused, null);
      assert.match(result.statements[0].rewritten ?? '', /org_id = '2'/);
    } finally {
      await vscode.commands.executeCommand('cartograph.pickPreviewSession', { role: '', attributes: {} });
    }
  });
});
