import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ConnectionsView } from '../connectionsView';
import type { ConnectionStore } from './connectionStore';

/** What every cloud command needs: the store, the view, the language server and the log. */
export interface CloudContext {
  store: ConnectionStore;
  view: ConnectionsView;
  output: vscode.LogOutputChannel;
  client(): LanguageClient | undefined;
}

/** The running language client, or `undefined` after telling the user how to restart it. */
export function runningClient(context: CloudContext): LanguageClient | undefined {
  const c = context.client();
  if (c?.isRunning()) return c;
  void vscode.window.showErrorMessage('The Cartograph language server is not running, so cloud connections cannot be used.', 'Restart').then((a) => a && vscode.commands.executeCommand('cartograph.restartServer'));
  return undefined;
}

/** Opens JSON in an untitled editor beside the current one, for the user to read and copy. */
export async function showJson(title: string, documents: { heading: string; json: string }[]): Promise<vscode.TextDocument> {
  // JSON with comments, so that each document can say what it is for.
  const content = `// ${title}\n${documents.map((d) => `\n// ${d.heading}\n${d.json}\n`).join('')}`;
  const doc = await vscode.workspace.openTextDocument({ language: 'jsonc', content });
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  return doc;
}

/** Messages with actions must not block a command that tests await: the choice is followed later. */
export function notify(kind: 'info' | 'warning' | 'error', message: string, actions: { title: string; run: () => unknown }[] = []): void {
  const show = kind === 'info' ? vscode.window.showInformationMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  void show(message, ...actions.map((a) => a.title)).then((choice) => actions.find((a) => a.title === choice)?.run());
}
