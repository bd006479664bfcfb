import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CloudSnapshotsRequest } from '../../server/protocol/cloudMessages';
import { ConnectionsView, type ConnectionNodeView } from '../connectionsView';
import type { CloudContext } from './cloudContext';
import { addConnection, editConnection, pickConnection, removeConnection, showCloudPolicies, testConnection } from './connectionCommands';
import { ConnectionStore, type StoredCloudState } from './connectionStore';
import { importCloud } from './importCommands';

/** What `cartograph.refreshConnections` returns: the tree as shown and what `globalState` holds. */
export interface ConnectionsOverview {
  tree: ConnectionNodeView[];
  stored: StoredCloudState;
}

/**
 * The credential manager and cloud import in VS Code: the "Cloud Connections" view and its
 * commands. Every command also takes its inputs as an options object (and returns a result), so
 * that it runs without prompts from tests and other extensions.
 */
export function registerCloudFeatures(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, output: vscode.LogOutputChannel): vscode.Disposable[] {
  const store = new ConnectionStore(context.globalState, context.secrets);
  const view = new ConnectionsView(store);
  const cloud: CloudContext = { store, view, output, client };

  const refresh = async (): Promise<ConnectionsOverview> => {
    await adoptSnapshotsOnDisk(cloud);
    view.refresh();
    return { tree: view.snapshot(), stored: store.stored() };
  };

  const manage = async (): Promise<unknown> => {
    type Item = vscode.QuickPickItem & { run?: () => Promise<unknown> };
    const items: Item[] = [
      { label: '$(add) Add Cloud Connection…', run: () => addConnection(cloud) },
      ...store.all().map<Item>((c) => ({
        label: `$(cloud) ${c.label}`,
        description: c.provider === 'aws' ? `AWS · ${c.regions.join(', ')}` : `Azure · ${c.subscriptions.length} subscription(s)`,
        run: () => connectionActions(c.id),
      })),
    ];
    const choice = await vscode.window.showQuickPick(items, { title: 'Cartograph: Manage Cloud Connections', placeHolder: 'Add a connection, or choose one to import, test, edit or remove' });
    return choice?.run?.();
  };

  const connectionActions = async (id: string): Promise<unknown> => {
    const c = store.get(id);
    if (!c) return undefined;
    const actions: { label: string; run: () => Promise<unknown> }[] = [
      { label: '$(cloud-download) Import', run: () => importCloud(cloud, c.provider, { connectionId: id }) },
      { label: '$(plug) Test', run: () => testConnection(cloud, { connectionId: id }) },
      { label: '$(edit) Edit', run: () => editConnection(cloud, { connectionId: id }) },
      { label: '$(json) Show Policies', run: () => showCloudPolicies(cloud, { connectionId: id }) },
      { label: '$(trash) Remove', run: () => removeConnection(cloud, { connectionId: id }, true) },
    ];
    const choice = await vscode.window.showQuickPick(actions, { title: `Cartograph: '${c.label}'` });
    return choice?.run();
  };

  // The server may already hold snapshots (imported before this machine's state was reset).
  const adoptWhenReady = setInterval(() => {
    if (!client()?.isRunning()) return;
    clearInterval(adoptWhenReady);
    void adoptSnapshotsOnDisk(cloud).then(() => view.refresh());
  }, 500);

  return [
    view,
    { dispose: () => clearInterval(adoptWhenReady) },
    vscode.window.registerTreeDataProvider('cartograph.connections', view),
    vscode.commands.registerCommand('cartograph.manageConnections', manage),
    vscode.commands.registerCommand('cartograph.addConnection', (options?: unknown) => addConnection(cloud, typeof options === 'object' && options !== null ? options : {})),
    vscode.commands.registerCommand('cartograph.editConnection', (arg?: unknown) => editConnection(cloud, arg)),
    vscode.commands.registerCommand('cartograph.removeConnection', (arg?: unknown) => removeConnection(cloud, arg)),
    vscode.commands.registerCommand('cartograph.testConnection', (arg?: unknown) => testConnection(cloud, arg)),
    vscode.commands.registerCommand('cartograph.importAws', (arg?: unknown) => importCloud(cloud, 'aws', arg)),
    vscode.commands.registerCommand('cartograph.importAzure', (arg?: unknown) => importCloud(cloud, 'azure', arg)),
    vscode.commands.registerCommand('cartograph.importConnection', async (arg?: unknown) => {
      const connection = arg === undefined ? await pickConnection(cloud, undefined, 'Choose the connection to import') : undefined;
      return importCloud(cloud, undefined, connection ? { connectionId: connection.id } : arg);
    }),
    vscode.commands.registerCommand('cartograph.showCloudPolicies', (arg?: unknown) => showCloudPolicies(cloud, arg)),
    vscode.commands.registerCommand('cartograph.refreshConnections', refresh),
  ];
}

/** Records the last good snapshot the server has for each connection the client knows nothing of. */
async function adoptSnapshotsOnDisk(cloud: CloudContext): Promise<void> {
  const c = cloud.client();
  if (!c?.isRunning()) return;
  const ids = cloud.store.all().map((x) => x.id).filter((id) => !cloud.store.lastGoodImports()[id]);
  if (ids.length === 0) return;
  try {
    const result = await c.sendRequest<CloudSnapshotsRequest.Result>(CloudSnapshotsRequest.method, { connectionIds: ids } satisfies CloudSnapshotsRequest.Params);
    for (const s of result.snapshots) {
      await cloud.store.adoptSnapshot(s.connectionId, { status: 'completed', at: s.digest.importedAt, message: `Snapshot ${s.file}`, scope: s.digest.regions, digest: s.digest, snapshotFile: s.file });
    }
    for (const u of result.unreadable) cloud.output.warn(`Unreadable snapshot ${u.file}: ${u.reason}`);
  } catch (error) {
    cloud.output.warn(`Could not list the stored snapshots: ${error instanceof Error ? error.message : String(error)}`);
  }
}
