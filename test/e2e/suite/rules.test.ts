import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, workspaceFile } from './waitFor';

describe('Compliance rules in the editor', () => {
  it('reports world-open SSH at the CIDR, with a docs link', async () => {
    const uri = workspaceFile('security.tf');
    await vscode.window.showTextDocument(uri);
    const diagnostics = await diagnosticsWhere(uri, (all) => all.some((d) => d.code !== undefined && JSON.stringify(d.code).includes('CG-AWS-SG-001')));
    const d = diagnostics.find((x) => JSON.stringify(x.code).includes('CG-AWS-SG-001'))!;
    assert.equal(d.range.start.line, 7);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'CG-AWS-SG-001');
    assert.match(code.target.path, /docs\/rules\/CG-AWS-SG-001\.md$/);
  });

  it('applies a finding\'s quick fix', async () => {
    const uri = workspaceFile('security.tf');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const has = (all: readonly vscode.Diagnostic[]): boolean => all.some((x) => JSON.stringify(x.code).includes('CG-AWS-RDS-003'));
    const [d] = (await diagnosticsWhere(uri, has)).filter((x) => JSON.stringify(x.code).includes('CG-AWS-RDS-003'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const fix = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(fix?.edit, `a preferred quick fix is offered (got ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /publicly_accessible = false/);
    await diagnosticsWhere(uri, (all) => !has(all));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('suppresses a finding with a reason from its code action', async () => {
    const uri = workspaceFile('security.tf');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [d] = vscode.languages.getDiagnostics(uri).filter((x) => JSON.stringify(x.code).includes('CG-AWS-SG-001'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const suppress = actions.find((a) => a.title.startsWith('Suppress CG-AWS-SG-001'));
    assert.ok(suppress?.command, `a suppress action is offered (got ${actions.map((a) => a.title).join(', ')})`);
    const [args] = suppress.command.arguments as [Record<string, unknown>];
    assert.equal(await vscode.commands.executeCommand(suppress.command.command, { ...args, reason: 'Break-glass access, ticket SEC-42', expires: '' }), true);
    assert.match(doc.lineAt(0).text, /^# cartograph:ignore CG-AWS-SG-001 Break-glass access, ticket SEC-42$/);
    await diagnosticsWhere(uri, (all) => !all.some((x) => JSON.stringify(x.code).includes('CG-AWS-SG-001')));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
