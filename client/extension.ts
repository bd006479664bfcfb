import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { registerCloudFeatures } from './cloud/cloudFeatures';
import { LiveChangedNotification } from '../server/protocol/customMessages';
import { DiagramViewProvider, openDiagramPanel, refreshDiagrams, setDiagramClient, showInDiagram, showSnapshotInDiagram } from './diagramWebview';
import { registerAuditCommands } from './auditCommands';
import { registerPolicyPreview } from './policyPreview';
import { registerSuppressCommand } from './suppressCommand';
import { registerWorkspaceStatus, type WorkspaceStatus } from './workspaceStatus';
import { registerDemoCommand } from './demoWorkspace';

/** What the extension hands to its tests (and to nobody else): the running client, the status item. */
export interface CartographApi {
  languageClient(): LanguageClient | undefined;
  workspaceStatus(): WorkspaceStatus;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<CartographApi> {
  const output = vscode.window.createOutputChannel('Cartograph', { log: true });
  context.subscriptions.push(output);
  output.info(`Cartograph ${context.extension.packageJSON.version as string} activating`);

  context.subscriptions.push(...registerCloudFeatures(context, () => client, output));
  const status = registerWorkspaceStatus(() => client, output);
  context.subscriptions.push(...status.disposables);
  refreshLiveStatus = () => void status.refresh();
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(DiagramViewProvider.viewType, new DiagramViewProvider(context, () => client)),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('cartograph.restartServer', async () => {
      output.info('Restarting the language server');
      if (client) {
        await client.restart();
        refreshLiveStatus();
      } else await startClient(context, output);
      vscode.window.setStatusBarMessage('$(check) Cartograph language server restarted', 3000);
    }),
    vscode.commands.registerCommand('cartograph.showOutput', () => output.show()),
    vscode.commands.registerCommand('cartograph.openDiagram', () => openDiagramPanel(context, () => client)),
    vscode.commands.registerCommand('cartograph.showInDiagram', (address: unknown) => showInDiagram(context, () => client, address)),
    vscode.commands.registerCommand('cartograph.compareWithSnapshot', async (file?: unknown) => {
      // An empty string goes back to the Terraform alone.
      if (file === '') return showSnapshotInDiagram(null);
      let path = typeof file === 'string' ? file : undefined;
      if (!path) {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Compare', title: 'Compare the workspace with a Cartograph snapshot', filters: { 'Cartograph snapshot': ['json'] } });
        path = picked?.[0]?.fsPath;
      }
      if (path) await showSnapshotInDiagram(path);
    }),
    ...registerAuditCommands(() => client, output),
    ...registerPolicyPreview(() => client, output),
    registerSuppressCommand(() => client),
    registerDemoCommand(context, output),
  );

  setDiagramClient(() => client);
  await startClient(context, output);
  return { languageClient: () => client, workspaceStatus: () => status.current() };
}

/** Asks the server for the live status again (the status item): once it has started, and when the snapshot in force changes. */
let refreshLiveStatus: () => void = () => undefined;

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  client = createLanguageClient(context, output);
  // The server says when the snapshot in force changed (a setting, a file rewritten on disk): redraw.
  context.subscriptions.push(
    client.onNotification(LiveChangedNotification.method, () => {
      void refreshDiagrams();
      refreshLiveStatus();
    }),
  );
  try {
    await client.start();
    refreshLiveStatus();
  } catch (error) {
    const message = `Cartograph's language server did not start: ${error instanceof Error ? error.message : String(error)}`;
    output.error(message);
    const choice = await vscode.window.showErrorMessage(message, 'Show Output');
    if (choice) output.show();
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
