import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DiagramView } from '../server/diagram/diagramModel';
import { DiagramRequest } from '../server/protocol/diagramMessages';
import { ShowSnapshotNotification } from '../server/protocol/customMessages';
import type { FromWebviewMessage, ToWebviewMessage } from '../server/protocol/webviewMessages';

/** A random nonce for the webview's Content-Security-Policy, fresh for every page. */
function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/** Theme-aware styles: VS Code's colour and font variables only. */
const styles = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0; margin: 0; }
#app { display: flex; flex-direction: column; height: 100vh; }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.toolbar vscode-textfield { flex: 1; min-width: 120px; }
.status { padding: 2px 8px; color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.warning { padding: 2px 8px; color: var(--vscode-editorWarning-foreground); }
.error { padding: 8px; color: var(--vscode-errorForeground); }
.body { flex: 1; display: flex; min-height: 0; }
.canvas { flex: 1; overflow: hidden; position: relative; outline: none; cursor: grab; }
.canvas:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.canvas svg { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
.details { width: 300px; max-width: 45%; overflow: auto; border-left: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding: 8px; }
.details[hidden] { display: none; }
.details h2 { font-size: 1.1em; margin: 0 0 4px; word-break: break-all; }
.details h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; margin: 12px 0 4px; color: var(--vscode-descriptionForeground); }
.details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 0; }
.details dt { color: var(--vscode-descriptionForeground); }
.details dd { margin: 0; word-break: break-all; }
.details .finding { color: var(--vscode-errorForeground); margin: 2px 0; }
.diagram { font-family: var(--vscode-font-family); font-size: 12px; }
.group rect { fill: var(--vscode-sideBar-background, transparent); fill-opacity: .5; stroke: var(--vscode-widget-border, var(--vscode-descriptionForeground)); }
.group-account rect, .group-region rect { stroke-dasharray: 6 3; fill: none; }
.group-network rect { stroke: var(--vscode-charts-blue); }
.group-zone rect { stroke-dasharray: 2 2; }
.group-subnet rect { fill: var(--vscode-editor-background); }
.group-label { fill: var(--vscode-foreground); font-weight: 600; }
.node rect { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-descriptionForeground); }
.node-internet rect { stroke: var(--vscode-charts-yellow); stroke-width: 2; }
.node .label { fill: var(--vscode-foreground); }
.node .kind { fill: var(--vscode-descriptionForeground); font-size: 10px; }
.node, .group, .edge[tabindex] { cursor: pointer; }
.node:focus, .group:focus, .edge:focus { outline: none; }
.node:focus > rect, .group:focus > rect, .selected > rect { stroke: var(--vscode-focusBorder); stroke-width: 2.5; }
.has-findings > rect { stroke: var(--vscode-errorForeground); stroke-width: 2; }
.drift-codeOnly > rect { stroke: var(--vscode-charts-green); stroke-dasharray: 5 3; }
.drift-liveOnly > rect { stroke: var(--vscode-charts-orange); stroke-dasharray: 2 2; }
.drift-changed > rect { stroke: var(--vscode-charts-yellow); stroke-width: 2.5; }
.dimmed { opacity: .25; }
.edge path { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.2; }
.edge-internet path, .edge-nat path { stroke: var(--vscode-charts-blue); }
.edge-peering path, .edge-transit path { stroke: var(--vscode-charts-purple); }
.edge-target path { stroke: var(--vscode-charts-green); }
.edge.risky path { stroke: var(--vscode-errorForeground); stroke-width: 2.2; }
.edge.selected path { stroke-width: 3.5; }
.edge-label { fill: var(--vscode-descriptionForeground); font-size: 10px; }
.edge.risky .edge-label { fill: var(--vscode-errorForeground); font-weight: 600; }
.arrow-head { fill: var(--vscode-descriptionForeground); }
.arrow-risky-head { fill: var(--vscode-errorForeground); }
`;

/**
 * The webview's page: a strict CSP (no inline script or style without the nonce, no remote
 * content), one bundled script, and nothing cloud-supplied in the HTML itself (the script renders
 * data it receives as text nodes and attributes).
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
<main id="app" aria-live="polite"><p>Loading the diagram…</p></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}

const refreshers = new Set<() => Promise<void>>();
const selectors = new Set<(id: string) => Thenable<boolean>>();
let languageClient: () => LanguageClient | undefined = () => undefined;

/** The language client the diagrams and the snapshot choice talk to; set once at activation. */
export function setDiagramClient(client: () => LanguageClient | undefined): void {
  languageClient = client;
}

/**
 * Compares the workspace with a snapshot file: drift in the editor and in every diagram, now and
 * in diagrams opened later. Cloud import calls this after a good import; `null` shows the Terraform
 * only, and `undefined` goes back to the `cartograph.snapshot` setting.
 */
export async function showSnapshotInDiagram(path: string | null | undefined): Promise<void> {
  const c = languageClient();
  if (c) await c.sendNotification(ShowSnapshotNotification.method, { file: path } satisfies ShowSnapshotNotification.Params);
  // Diagrams redraw in their own time: a hidden one answers when it is shown again.
  void Promise.all([...refreshers].map((refresh) => refresh()));
}

/** Redraws every open diagram (the Terraform or the snapshot changed). */
export async function refreshDiagrams(): Promise<void> {
  await Promise.all([...refreshers].map((refresh) => refresh()));
}

/**
 * Connects one webview (side-panel view or editor panel) to the language server: asks it for the
 * laid-out diagram, passes it on, and answers the webview's messages.
 */
export function attachWebview(webview: vscode.Webview, context: vscode.ExtensionContext, client: () => LanguageClient | undefined): vscode.Disposable {
  webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')] };
  webview.html = webviewHtml(webview, context.extensionUri);
  let view: DiagramView = 'infra';
  const collapsed = new Set<string>();
  const post = (message: ToWebviewMessage): Thenable<boolean> => webview.postMessage(message);
  const refresh = async (): Promise<void> => {
    const c = client();
    if (!c || !c.isRunning()) {
      await post({ type: 'showError', message: 'The Cartograph language server is not running. Run "Cartograph: Restart Language Server".' });
      return;
    }
    try {
      const params: DiagramRequest.Params = { view, collapsed: [...collapsed] };
      const result = await c.sendRequest<DiagramRequest.Result>(DiagramRequest.method, params);
      const message: ToWebviewMessage = { type: 'showDiagram', layout: result.layout, svg: result.svg, exportStyle: result.exportStyle, view, warnings: result.warnings };
      if (result.snapshotFile) message.snapshotLabel = vscode.workspace.asRelativePath(result.snapshotFile);
      await post(message);
    } catch (error) {
      await post({ type: 'showError', message: `Could not build the diagram: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  refreshers.add(refresh);
  const selectElement = (id: string): Thenable<boolean> => post({ type: 'select', id });
  selectors.add(selectElement);
  const subscription = webview.onDidReceiveMessage(async (message: FromWebviewMessage) => {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        await refresh();
        break;
      case 'setView':
        view = message.view === 'security' ? 'security' : 'infra';
        await refresh();
        break;
      case 'toggleGroup':
        if (!collapsed.delete(message.id)) collapsed.add(message.id);
        await refresh();
        break;
      case 'openSnapshot': {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Show in Diagram', title: 'Open a Cartograph snapshot', filters: { 'Cartograph snapshot': ['json'] } });
        if (picked?.[0]) await showSnapshotInDiagram(picked[0].fsPath);
        break;
      }
      case 'closeSnapshot':
        await showSnapshotInDiagram(null);
        break;
      case 'reveal': {
        const uri = vscode.Uri.parse(message.uri);
        if (uri.scheme !== 'file') return;
        const position = new vscode.Position(message.line, message.character);
        await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
        break;
      }
      case 'exportImage':
        await exportImage(message.format, message.data, view);
        break;
    }
  });
  return new vscode.Disposable(() => {
    refreshers.delete(refresh);
    selectors.delete(selectElement);
    subscription.dispose();
  });
}

async function exportImage(format: 'svg' | 'png', data: string, view: DiagramView): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `cartograph-${view}.${format}`;
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] } });
  if (!target) return;
  let bytes: Buffer;
  if (format === 'svg') bytes = Buffer.from(data, 'utf8');
  else {
    const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(data);
    if (!match) {
      void vscode.window.showErrorMessage('Cartograph: the diagram could not be drawn as PNG.');
      return;
    }
    bytes = Buffer.from(match[1], 'base64');
  }
  try {
    if (target.scheme === 'file') fs.writeFileSync(target.fsPath, bytes);
    else await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Cartograph: saved the diagram to ${vscode.workspace.asRelativePath(target)}.`);
  } catch (error) {
    void vscode.window.showErrorMessage(`Cartograph: could not write ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
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

/**
 * "Show in Diagram" (the code lens above a linked resource): opens the diagram in an editor tab
 * unless one is open, and selects the resource there.
 */
export async function showInDiagram(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, address: unknown): Promise<void> {
  if (typeof address !== 'string' || address === '') return;
  if (selectors.size === 0) openDiagramPanel(context, client);
  // A new panel selects it once its first diagram arrives.
  await Promise.all([...selectors].map((select) => select(address)));
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
