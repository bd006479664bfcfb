import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, workspaceFile } from './waitFor';

/** Runs a provider command until it answers with something (the server may still be indexing). */
async function until<T>(run: () => Thenable<T>, ok: (value: T) => boolean, tries = 50): Promise<T> {
  let last: T = await run();
  for (let i = 0; i < tries && !ok(last); i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = await run();
  }
  return last;
}

describe('Terraform intelligence in the editor', () => {
  it('hovers a variable with the value it resolves to', async () => {
    const uri = workspaceFile('main.tf');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('var.region') + 5);
    const hovers = await until(() => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at), (h) => h.length > 0);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*variable\*\* `region`/);
    assert.match(text, /Value: `"eu-west-1"`/);
  });

  it('goes to the definition of a resource in another file', async () => {
    const uri = workspaceFile('main.tf');
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf('aws_vpc.main') + 9);
    const locations = await until(() => vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, at), (l) => l.length > 0);
    const target = locations[0];
    const targetUri = 'targetUri' in target ? target.targetUri : target.uri;
    const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    assert.ok(targetUri.path.endsWith('/broken.tf'));
    assert.equal(range.start.line, 4);
  });

  it('renames a variable in every file that uses it', async () => {
    const uri = workspaceFile('modules', 'net', 'main.tf');
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf('var.cidr') + 5);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, at, 'address_space');
    const changed = edit.entries().map(([u, edits]) => [u.path.split('/').slice(-2).join('/'), edits.length] as const).sort();
    assert.deepEqual(changed, [['net/main.tf', 2]]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(doc.getText(), /variable "address_space"/);
    assert.match(doc.getText(), /value = var\.address_space/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('reports a reference to an undeclared variable while typing', async () => {
    const uri = workspaceFile('main.tf');
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), '  profile = var.profile\n'));
    const [d] = await diagnosticsWhere(uri, (all) => all.some((x) => x.code === 'CG-TF-UNDECLARED'));
    assert.match(d.message, /undeclared input variable `var\.profile`/);
    assert.deepEqual([d.range.start.line, d.range.start.character], [1, 12]);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
