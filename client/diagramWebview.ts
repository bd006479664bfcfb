import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceInventoryRequest } from '../server/protocol/customMessages';
import type { FromWebviewMessage, ToWebviewMessage } from '../server/protocol/webviewMessages';

/** A random nonce for the webview's Content-Security-Policy, fresh for every page. */
function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/** Theme-aware styles: VS Code's colour and font variables only. */
const styles = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 8px; }
.toolbar { display: flex; gap: 6px; align-items: center; position: sticky; top: 0; padding: 8px 0; background: var(--vscode-sideBar-background, var(--vscode-editor-background)); }
.toolbar vscode-textfield { flex: 1; min-width: 0; }
h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; margin: 12px 0 4px; color: var(--vscode-descriptionForeground); }
ul { list-style: none; margin: 0; padding: 0; }
li { display: flex; gap: 8px; align-items: baseline; padding: 1px 0; }
button.block { background: none; border: none; padding: 2px 4px; color: var(--vscode-textLink-foreground); cursor: pointer; font: inherit; text-align: left; }
button.block:hover { text-decoration: underline; }
button.block:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.where { color: var(--vscode-descriptionForeground); font-size: 0.9em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.error { color: var(--vscode-errorForeground); }
.empty { color: var(--vscode-descriptionForeground); }
`;

/**
 * The webview's page: a strict CSP (no inline script or style without the nonce, no remote
 * content), one bundled script, and nothing cloud-supplied in the HTML itself (the script renders
 * data it receives as text nodes).
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const n = nonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${n}'`,
    `style-src ${webview.cspSource} 'nonce-${n}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Cartograph</title>
<style nonce="${n}">${styles}</style>
</head>
<body>
<main id="app" aria-live="polite"><p>Loading the workspace inventory…</p></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}

/**
 * Connects one webview (side-panel view or editor panel) to the language server: answers its
 * messages and sends it the workspace inventory.
 */
export function attachWebview(webview: vscode.Webview, context: vscode.ExtensionContext, client: () => LanguageClient | undefined): vscode.Disposable {
  webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')] };
  webview.html = webviewHtml(webview, context.extensionUri);
  const post = (message: ToWebviewMessage): Thenable<boolean> => webview.postMessage(message);
  const refresh = async (): Promise<void> => {
    const c = client();
    if (!c || !c.isRunning()) {
      await post({ type: 'showError', message: 'The Cartograph language server is not running. Run "Cartograph: Restart Language Server".' });
      return;
    }
    try {
      const result = await c.sendRequest<WorkspaceInventoryRequest.Result>(WorkspaceInventoryRequest.method, {});
      const fileLabels: Record<string, string> = {};
      for (const b of result.blocks) fileLabels[b.uri] ??= vscode.workspace.asRelativePath(vscode.Uri.parse(b.uri));
      await post({ type: 'showInventory', blocks: result.blocks, fileLabels });
    } catch (error) {
      await post({ type: 'showError', message: `Could not read the workspace: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  return webview.onDidReceiveMessage(async (message: FromWebviewMessage) => {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        await refresh();
        break;
      case 'reveal': {
        const uri = vscode.Uri.parse(message.uri);
        if (uri.scheme !== 'file') return;
        const position = new vscode.Position(message.line, message.character);
        await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
        break;
      }
    }
  });
}

/** The diagram view in Cartograph's activity-bar container. */
export class DiagramViewProvider implements vscode.WebviewViewProvider {
  static readonly viewType = 'cartograph.diagram';

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: () => LanguageClient | undefined) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const subscription = attachWebview(view.webview, this.context, this.client);
    view.onDidDispose(() => subscription.dispose());
  }
}

/** `Cartograph: Open Diagram`: the same webview in an editor tab. */
export function openDiagramPanel(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel('cartograph.diagramPanel', 'Cartograph Diagram', vscode.ViewColumn.Active, {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
  });
  panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'cartograph.svg');
  const subscription = attachWebview(panel.webview, context, client);
  panel.onDidDispose(() => subscription.dispose());
  return panel;
}
