import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, workspaceFile } from './waitFor';

const syntax = (d: readonly vscode.Diagnostic[]): vscode.Diagnostic[] => d.filter((x) => x.source === 'cartograph' && x.code === 'CG-HCL-SYNTAX');

describe('Terraform diagnostics from the language server', () => {
  it('activates on a Terraform file and reports its syntax error with the exact range', async () => {
    const uri = workspaceFile('broken.tf');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'terraform');
    await vscode.window.showTextDocument(doc);
    const [d] = syntax(await diagnosticsWhere(uri, (all) => syntax(all).length > 0));
    assert.equal(d.message, 'Syntax error: `cidr_block` has no value after `=`');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [5, 2, 5, 14]);
    const extension = vscode.extensions.getExtension('cartograph.cartograph');
    assert.ok(extension?.isActive, 'the extension is active');
  });

  it('clears the diagnostic while the user types the fix, without saving', async () => {
    const uri = workspaceFile('broken.tf');
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((b) => b.insert(new vscode.Position(5, 14), ' "10.0.0.0/16"'));
    await diagnosticsWhere(uri, (all) => syntax(all).length === 0);
    // Break it again: the unclosed block is reported on the last line.
    await editor.edit((b) => b.delete(new vscode.Range(6, 0, 6, 1)));
    const [d] = syntax(await diagnosticsWhere(uri, (all) => syntax(all).length > 0));
    assert.match(d.message, /missing `}` to close `resource "aws_vpc" "main"` opened on line 5/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('treats .tfvars as Terraform variables and *.policy.hcl as policy files', async () => {
    const vars = await vscode.workspace.openTextDocument(workspaceFile('prod.tfvars'));
    assert.equal(vars.languageId, 'terraform-vars');
    const policy = await vscode.workspace.openTextDocument(workspaceFile('access.policy.hcl'));
    assert.equal(policy.languageId, 'cartograph-policy');
    const [d] = syntax(await diagnosticsWhere(vars.uri, (all) => syntax(all).length > 0));
    assert.equal(d.range.start.line, 1);
  });
});
