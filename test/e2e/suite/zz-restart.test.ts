import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { diagnosticsWhere } from './waitFor';

// Runs last (file order): it kills the language server.
describe('When the language server dies', () => {
  it('restarts it once and keeps analysing', async () => {
    const api = vscode.extensions.getExtension<{ languageClient(): LanguageClient | undefined }>('cartograph.cartograph')?.exports;
    const client = api?.languageClient();
    if (!client?.isRunning()) assert.fail('the language client is running');
    const { pid } = await client.sendRequest<{ pid: number }>('cartograph/serverInfo', {});
    const restarted = new Promise<void>((resolve) => {
      let stopped = false;
      const sub = client.onDidChangeState((e) => {
        if (e.newState === State.Stopped || e.newState === State.Starting) stopped = true;
        if (stopped && e.newState === State.Running) {
          sub.dispose();
          resolve();
        }
      });
    });
    process.kill(pid, 'SIGKILL');
    await restarted;
    const { pid: after } = await client.sendRequest<{ pid: number }>('cartograph/serverInfo', {});
    assert.notEqual(after, pid, 'a new server process answers');
    const doc = await vscode.workspace.openTextDocument({ language: 'terraform', content: 'variable "x" {\n  default =\n}\n' });
    await diagnosticsWhere(doc.uri, (all) => all.some((d) => d.code === 'CG-HCL-SYNTAX'));
  });
});
