import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SuppressionEditRequest } from '../server/protocol/customMessages';

/** What the "Suppress CG-… with a reason" code action passes to the command. */
interface SuppressArguments {
  uri: string;
  code: string;
  address: string;
  blockLine: number;
  blockColumn: number;
  /** Given by tests and scripts; asked for otherwise. */
  reason?: string;
  expires?: string;
}

/**
 * `cartograph.suppressFinding`: asks why (a suppression without a reason helps no reviewer) and,
 * optionally, until when; inserts `# cartograph:ignore <RULE> [exp:DATE] <reason>` above the
 * resource. The server records the suppression in the audit log.
 */
export function registerSuppressCommand(client: () => LanguageClient | undefined): vscode.Disposable {
  return vscode.commands.registerCommand('cartograph.suppressFinding', async (args: SuppressArguments) => {
    const c = client();
    if (!c?.isRunning() || !args) return false;
    const reason =
      args.reason ??
      (await vscode.window.showInputBox({
        title: `Suppress ${args.code} on ${args.address}`,
        prompt: 'Why is this finding accepted? The reason is written into the code and the audit log.',
        validateInput: (v) => (v.trim().length < 3 ? 'Give a reason a reviewer can judge' : undefined),
      }));
    if (!reason) return false;
    const expires =
      args.expires ??
      (await vscode.window.showInputBox({
        title: `Suppress ${args.code} until (optional)`,
        prompt: 'A date (YYYY-MM-DD) after which the finding shows again; leave empty for no expiry.',
        validateInput: (v) => (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v) ? undefined : 'Write the date as YYYY-MM-DD'),
      }));
    if (expires === undefined) return false;
    const edit = await c.sendRequest<SuppressionEditRequest.Result>(SuppressionEditRequest.method, {
      uri: args.uri, code: args.code, address: args.address, blockLine: args.blockLine, blockColumn: args.blockColumn, reason, ...(expires ? { expires } : {}),
    });
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.insert(vscode.Uri.parse(args.uri), new vscode.Position(edit.range.start.line, edit.range.start.character), edit.newText);
    return vscode.workspace.applyEdit(workspaceEdit);
  });
}
