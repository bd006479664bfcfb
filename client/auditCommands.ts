import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AuditShowRequest, AuditVerifyRequest } from '../server/protocol/customMessages';

/** `Cartograph: Verify Audit Log` and `Cartograph: Show Audit Log`, answered by the language server. */
export function registerAuditCommands(client: () => LanguageClient | undefined, output: vscode.LogOutputChannel): vscode.Disposable[] {
  const running = (): LanguageClient | undefined => {
    const c = client();
    if (!c?.isRunning()) void vscode.window.showErrorMessage('The Cartograph language server is not running.', 'Restart').then((a) => a && vscode.commands.executeCommand('cartograph.restartServer'));
    return c?.isRunning() ? c : undefined;
  };
  return [
    vscode.commands.registerCommand('cartograph.verifyAuditLog', async () => {
      const c = running();
      if (!c) return undefined;
      const result = await c.sendRequest<AuditVerifyRequest.Result>(AuditVerifyRequest.method, {});
      if (result.ok) {
        const message = `Cartograph audit log intact: ${result.entries} entr${result.entries === 1 ? 'y' : 'ies'}, last hash ${result.lastHash.slice(0, 12)}…`;
        output.info(`${message} (${result.file})`);
        void vscode.window.showInformationMessage(message);
      } else if ('missing' in result) {
        void vscode.window.showInformationMessage(result.message);
      } else {
        const message = `Cartograph audit log broken at line ${result.brokenAt.line}: ${result.reason}. ${result.message}`;
        output.error(`${message} (${result.file})`);
        void vscode.window.showErrorMessage(message, 'Show Audit Log').then((a) => a && vscode.commands.executeCommand('cartograph.showAuditLog'));
      }
      return result;
    }),
    vscode.commands.registerCommand('cartograph.showAuditLog', async () => {
      const c = running();
      if (!c) return;
      const result = await c.sendRequest<AuditShowRequest.Result>(AuditShowRequest.method, {});
      const doc = await vscode.workspace.openTextDocument({ language: 'log', content: `# Cartograph audit log: ${result.file}\n${result.text}` });
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
  ];
}
