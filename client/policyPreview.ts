import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PolicyPreviewRequest, PolicyRolesRequest, SetPreviewSessionNotification, type PreviewSessionSettings } from '../server/protocol/customMessages';

const previewScheme = 'cartograph-preview';

/** The preview session from settings: the role and the attributes bound to the policy's placeholders. */
export function sessionFromSettings(): PreviewSessionSettings {
  const config = vscode.workspace.getConfiguration('cartograph.preview');
  const role = config.get<string>('role', '').trim();
  const raw = config.get<Record<string, unknown>>('attributes', {});
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (typeof v === 'string' || typeof v === 'number') attributes[k] = String(v);
  return { ...(role ? { role } : {}), attributes };
}

/** Parses `org_id=1, region=eu-west-1` as typed in the session box. */
export function parseAttributes(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `"${part}" is not key=value`;
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/**
 * The data-policy preview in the editor: the status-bar session (role and attributes), the role
 * picker, and "Preview Query as Role", which opens the rewritten SQL, the filters and masks applied
 * and the masked rows beside the query.
 */
export function registerPolicyPreview(client: () => LanguageClient | undefined, output: vscode.LogOutputChannel): vscode.Disposable[] {
  const previews = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = { onDidChange: changed.event, provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '' };

  const status = vscode.window.createStatusBarItem('cartograph.previewSession', vscode.StatusBarAlignment.Right, 90);
  status.name = 'Cartograph Preview Role';
  status.command = 'cartograph.pickPreviewSession';
  const render = (): void => {
    const session = sessionFromSettings();
    const attrs = Object.entries(session.attributes).map(([k, v]) => `${k}=${v}`).join(' ');
    status.text = `$(shield) ${session.role ?? 'Analyst'}${attrs ? ` · ${attrs}` : ''}`;
    status.tooltip = `Cartograph previews and checks SQL as ${session.role ?? 'the default role (Analyst)'}${attrs ? ` with ${attrs}` : ' with no session attributes'}. Click to change.`;
    const editor = vscode.window.activeTextEditor;
    if (editor && (editor.document.languageId === 'sql' || editor.document.languageId === 'cartograph-policy')) status.show();
    else status.hide();
  };
  const sendSession = (): void => {
    const c = client();
    if (c?.isRunning()) void c.sendNotification(SetPreviewSessionNotification.method, sessionFromSettings());
  };
  // The server has the session from its initialization options at every start and restart; this
  // sends it again when the settings change while the server runs.
  render();

  const running = (): LanguageClient => {
    const c = client();
    if (!c?.isRunning()) throw new Error('The Cartograph language server is not running');
    return c;
  };

  return [
    status,
    changed,
    vscode.workspace.registerTextDocumentContentProvider(previewScheme, provider),
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('cartograph.preview')) return;
      render();
      sendSession();
    }),
    vscode.commands.registerCommand('cartograph.pickPreviewSession', async (options?: { role?: string; attributes?: Record<string, string> }) => {
      const config = vscode.workspace.getConfiguration('cartograph.preview');
      const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      if (options) {
        if (options.role !== undefined) await config.update('role', options.role, target);
        if (options.attributes !== undefined) await config.update('attributes', options.attributes, target);
        sendSession();
        return sessionFromSettings();
      }
      const uri = vscode.window.activeTextEditor?.document.uri;
      const { roles, policyFiles } = uri ? await running().sendRequest<PolicyRolesRequest.Result>(PolicyRolesRequest.method, { uri: uri.toString() }) : { roles: [], policyFiles: [] };
      if (roles.length === 0) {
        void vscode.window.showWarningMessage('No *.policy.hcl file applies to this file: put one in its folder or a folder above it.');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        roles.map((r) => ({ label: r.name, description: r.kinds?.join(', '), detail: r.description })),
        { title: `Preview as which role? (${policyFiles.length} policy file${policyFiles.length === 1 ? '' : 's'})`, placeHolder: sessionFromSettings().role ?? 'Analyst' },
      );
      if (!picked) return undefined;
      const current = Object.entries(sessionFromSettings().attributes).map(([k, v]) => `${k}=${v}`).join(', ');
      const typed = await vscode.window.showInputBox({
        title: `Session attributes for ${picked.label}`,
        prompt: 'Values for the policy\'s placeholders, e.g. org_id=1, region=eu-west-1 (user_id, org_id, agent_id, agent_framework, department, region, kind=human|agent)',
        value: current,
        validateInput: (text) => (typeof parseAttributes(text) === 'string' ? (parseAttributes(text) as string) : undefined),
      });
      if (typed === undefined) return undefined;
      await config.update('role', picked.label, target);
      await config.update('attributes', parseAttributes(typed), target);
      sendSession();
      return sessionFromSettings();
    }),
    vscode.commands.registerCommand('cartograph.previewStatement', async (uriArg?: string | vscode.Uri, statement?: number) => {
      const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : (uriArg ?? vscode.window.activeTextEditor?.document.uri);
      if (!uri) return undefined;
      try {
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: 'Cartograph: previewing the query' },
          () => running().sendRequest<PolicyPreviewRequest.Result>(PolicyPreviewRequest.method, { uri: uri.toString(), ...(statement !== undefined ? { statement } : {}) }),
        );
        const name = uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.sql$/, '');
        const previewUri = vscode.Uri.from({ scheme: previewScheme, path: `/${name} as ${result.role}${statement !== undefined ? ` (statement ${statement + 1})` : ''}.sql` });
        previews.set(previewUri.toString(), result.text);
        changed.fire(previewUri);
        const doc = await vscode.workspace.openTextDocument(previewUri);
        await vscode.languages.setTextDocumentLanguage(doc, 'sql');
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
        return result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        output.error(`Policy preview of ${uri.toString()} failed: ${message}`);
        void vscode.window.showErrorMessage(`Cartograph could not preview this query: ${message}`);
        return undefined;
      }
    }),
  ];
}
