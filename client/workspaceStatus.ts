import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LiveStatusRequest } from '../server/protocol/customMessages';
import { ageText } from './ageText';

/** What the workspace status item shows, for the extension's tests. */
export interface WorkspaceStatus {
  text: string;
  tooltip: string;
}

/**
 * The Cartograph status bar item: the compliance profiles in force and the age of the snapshot the
 * workspace is compared with. Clicking it offers the commands that change either, and the diagram.
 * `refresh` asks the server again; the extension calls it once the server has started and whenever
 * the server says the snapshot in force changed (`cartograph/liveChanged`).
 */
export function registerWorkspaceStatus(
  client: () => LanguageClient | undefined,
  output: vscode.LogOutputChannel,
): { disposables: vscode.Disposable[]; refresh(): Promise<void>; current(): WorkspaceStatus } {
  const item = vscode.window.createStatusBarItem('cartograph.workspaceStatus', vscode.StatusBarAlignment.Right, 91);
  item.name = 'Cartograph';
  item.command = 'cartograph.statusMenu';
  let live: LiveStatusRequest.Result | undefined;

  const render = (): void => {
    const profiles = vscode.workspace.getConfiguration('cartograph').get<string[]>('profiles', ['baseline']);
    const profileText = profiles.length > 0 ? profiles.join(', ') : 'no profiles';
    const age = live?.importedAt ? ageText(live.importedAt) : undefined;
    const snapshotText = live?.problem ? 'snapshot unreadable' : live?.file ? `snapshot ${age === 'just now' ? 'just taken' : `${age ?? 'of unknown age'} old`}` : 'no snapshot';
    item.text = `$(${live?.problem ? 'warning' : 'cloud'}) ${profileText} · ${snapshotText}`;
    const lines = [`Cartograph checks Terraform against: ${profileText}.`];
    if (live?.problem) lines.push(live.problem);
    else if (live?.file) lines.push(`Compared with the snapshot ${live.file}, taken ${live.importedAt ?? 'at an unknown time'}: ${live.links} resources linked, ${live.drift} drifted.`);
    else lines.push('No cloud snapshot is compared with the workspace: import one, or choose a snapshot file.');
    lines.push('Click for the profiles, snapshots and diagram.');
    item.tooltip = lines.join('\n');
    item.show();
  };

  const refresh = async (): Promise<void> => {
    const c = client();
    if (!c?.isRunning()) return;
    try {
      live = await c.sendRequest<LiveStatusRequest.Result>(LiveStatusRequest.method, {});
    } catch (error) {
      output.warn(`Could not read the live status: ${error instanceof Error ? error.message : String(error)}`);
    }
    render();
  };

  render();
  // The snapshot's age moves on by itself, a minute at a time.
  const ageing = setInterval(render, 60_000);

  const commands: { label: string; description: string; command: string; args?: unknown[] }[] = [
    { label: '$(settings-gear) Compliance Profiles…', description: 'cartograph.profiles', command: 'workbench.action.openSettings', args: ['cartograph.profiles'] },
    { label: '$(type-hierarchy) Open Diagram', description: 'infrastructure and security groups', command: 'cartograph.openDiagram' },
    { label: '$(diff) Compare with Snapshot…', description: 'choose a snapshot file', command: 'cartograph.compareWithSnapshot' },
    { label: '$(cloud-download) Import AWS…', description: 'read-only EC2 import', command: 'cartograph.importAws' },
    { label: '$(cloud-download) Import Azure…', description: 'read-only networking import', command: 'cartograph.importAzure' },
    { label: '$(plug) Manage Cloud Connections', description: '', command: 'cartograph.manageConnections' },
    { label: '$(output) Show Output', description: 'Cartograph logs', command: 'cartograph.showOutput' },
  ];

  return {
    disposables: [
      item,
      { dispose: () => clearInterval(ageing) },
      // A new `cartograph.snapshot` comes back through the server's liveChanged (see `refresh`).
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('cartograph.profiles')) render();
      }),
      vscode.commands.registerCommand('cartograph.statusMenu', async () => {
        await refresh();
        const picked = await vscode.window.showQuickPick(commands, { title: item.tooltip?.toString().split('\n')[0], placeHolder: 'Cartograph' });
        if (picked) await vscode.commands.executeCommand(picked.command, ...(picked.args ?? []));
      }),
    ],
    refresh,
    current: () => ({ text: item.text, tooltip: typeof item.tooltip === 'string' ? item.tooltip : '' }),
  };
}
