import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient';
import { CloudImportRequest, type CloudConnectionSettings } from '../../server/protocol/cloudMessages';
import { notify, runningClient, showJson, type CloudContext } from './cloudContext';
import { connectionFromArgument, pickConnection } from './connectionCommands';
import { pickRegions } from './regions';

/** The inputs of `cartograph.importAws` / `cartograph.importAzure`; any not given is asked for. */
export interface ImportOptions {
  connectionId?: string;
  /** AWS: the regions to read (default: asked, the last ones ticked). */
  regions?: string[];
  /** Azure: the subscriptions to read (default: asked, the connection's ticked). */
  subscriptions?: string[];
}

/** What an import command returns: the server's result, or why it did not run. */
export type ImportCommandResult = CloudImportRequest.Result | { status: 'not started'; message: string };

/** `cartograph.importAws`, `cartograph.importAzure` and the view's Import action. */
export async function importCloud(context: CloudContext, provider: 'aws' | 'azure' | undefined, arg?: unknown): Promise<ImportCommandResult> {
  if (!vscode.workspace.isTrusted) {
    const message = 'Cartograph does not import in an untrusted workspace: trust the workspace first (Workspaces: Manage Workspace Trust).';
    notify('warning', message);
    return { status: 'not started', message };
  }
  const options: ImportOptions = typeof arg === 'object' && arg !== null && !('kind' in arg) ? (arg as ImportOptions) : {};
  let connection = connectionFromArgument(context, arg);
  if (!connection && (options.connectionId !== undefined || (arg !== undefined && 'kind' in (arg as object)))) {
    return { status: 'not started', message: `No connection '${options.connectionId ?? ''}'.` };
  }
  if (!connection) {
    if (!context.store.all().some((c) => !provider || c.provider === provider)) {
      const message = `No ${provider === 'azure' ? 'Azure' : provider === 'aws' ? 'AWS' : 'cloud'} connection yet: add one first.`;
      notify('info', `Cartograph: ${message}`, [{ title: 'Add Connection', run: () => vscode.commands.executeCommand('cartograph.addConnection', provider ? { provider } : undefined) }]);
      return { status: 'not started', message };
    }
    connection = await pickConnection(context, provider, 'Choose the connection to import');
    if (!connection) return { status: 'not started', message: 'No connection was chosen.' };
  }
  if (provider && connection.provider !== provider) return { status: 'not started', message: `'${connection.label}' is not an ${provider === 'aws' ? 'AWS' : 'Azure'} connection.` };
  const scope = await askScope(context, connection, options);
  if (!scope || scope.length === 0) return { status: 'not started', message: 'No region or subscription was chosen.' };
  const c = runningClient(context);
  if (!c) return { status: 'not started', message: 'The Cartograph language server is not running.' };
  const secrets = await context.store.secrets(connection.id);
  const conn = connection;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Cartograph: importing '${conn.label}'`, cancellable: true },
    async (progress, token) => {
      const workDoneToken = randomUUID();
      let reported = 0;
      const follow = c.onProgress(WorkDoneProgress.type, workDoneToken, (value: WorkDoneProgressBegin | WorkDoneProgressReport | { kind: 'end' }) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? reported;
        progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
        reported = Math.max(reported, percentage);
      });
      try {
        return await c.sendRequest<CloudImportRequest.Result>(CloudImportRequest.method, { connection: conn, secrets, scope, workDoneToken } satisfies CloudImportRequest.Params, token);
      } catch (error) {
        if (token.isCancellationRequested) return { status: 'cancelled' as const, message: `The import of '${conn.label}' was cancelled; the last snapshot is kept.` };
        return { status: 'failed' as const, message: `The import of '${conn.label}' failed: ${error instanceof Error ? error.message : String(error)}` };
      } finally {
        follow.dispose();
      }
    },
  );
  await context.store.recordImport(conn.id, {
    status: result.status,
    at: new Date().toISOString(),
    message: result.message,
    scope,
    ...(result.digest ? { digest: result.digest } : {}),
    ...(result.snapshotFile ? { snapshotFile: result.snapshotFile } : {}),
    ...(result.fillingPolicy ? { fillingPolicy: result.fillingPolicy } : {}),
  });
  report(context, conn, result);
  return result;
}

async function askScope(context: CloudContext, connection: CloudConnectionSettings, options: ImportOptions): Promise<string[] | undefined> {
  const last = context.store.lastImports()[connection.id]?.scope;
  if (connection.provider === 'aws') return options.regions ?? (await pickRegions(last ?? connection.regions, `Regions to import from '${connection.label}'`));
  if (options.subscriptions) return options.subscriptions;
  if (connection.subscriptions.length === 1) return connection.subscriptions;
  const picked = await vscode.window.showQuickPick(
    connection.subscriptions.map((s) => ({ label: s, picked: (last ?? connection.subscriptions).includes(s) })),
    { title: `Subscriptions to import from '${connection.label}'`, canPickMany: true },
  );
  return picked?.map((p) => p.label);
}

/** Tells the user what the import did, with the action that fixes a gap or a failure. */
function report(context: CloudContext, connection: CloudConnectionSettings, result: CloudImportRequest.Result): void {
  const log = result.status === 'completed' ? context.output.info : result.status === 'cancelled' ? context.output.info : context.output.error;
  log.call(context.output, result.message);
  for (const gap of result.digest?.gaps ?? []) context.output.warn(`  gap: ${[gap.account, gap.region].filter(Boolean).join(' ')} ${gap.operation}: ${gap.reason} (${gap.permission}) ${gap.message}`);
  const copyPolicy = {
    title: 'Copy Policy',
    run: async () => {
      if (!result.fillingPolicy) return;
      await vscode.env.clipboard.writeText(result.fillingPolicy);
      await showJson(`Cartograph: the ${connection.provider === 'aws' ? 'read-only IAM policy' : 'custom role'} that fills the gaps of '${connection.label}' (on the clipboard)`, [{ heading: 'Policy', json: result.fillingPolicy }]);
    },
  };
  if (result.status === 'completed') {
    // The workspace is compared with what was just imported: drift in the editor and the diagram.
    if (result.snapshotFile) void vscode.commands.executeCommand('cartograph.compareWithSnapshot', result.snapshotFile);
    const denied = [...new Set((result.digest?.gaps ?? []).filter((g) => g.reason === 'denied').map((g) => g.permission))];
    const counts = (result.digest?.counts ?? []).slice(0, 4).map((x) => `${x.count} ${x.type}`).join(', ');
    if (denied.length > 0 && result.fillingPolicy) {
      notify('warning', `${result.message} ${counts ? `(${counts}) ` : ''}Grant ${denied.slice(0, 3).join(', ')}${denied.length > 3 ? ` and ${denied.length - 3} more` : ''} to see the rest.`, [copyPolicy]);
    } else {
      notify('info', `Cartograph: ${result.message}${counts ? ` (${counts})` : ''}`, [{ title: 'Show Output', run: () => context.output.show() }]);
    }
  } else if (result.status === 'failed') {
    notify('error', `Cartograph: ${result.message}`, [
      ...(result.fillingPolicy ? [copyPolicy] : []),
      { title: 'Test Connection', run: () => vscode.commands.executeCommand('cartograph.testConnection', { connectionId: connection.id }) },
      { title: 'Edit Connection', run: () => vscode.commands.executeCommand('cartograph.editConnection', { connectionId: connection.id }) },
    ]);
  } else {
    vscode.window.setStatusBarMessage(`$(circle-slash) ${result.message}`, 5000);
  }
}
