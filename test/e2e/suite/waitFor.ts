import * as vscode from 'vscode';

/**
 * Resolves with the URI's diagnostics once `accept` holds for them, re-checking on every
 * diagnostics change (never on a timer); rejects after `ms` with what was last seen.
 */
export function diagnosticsWhere(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean, ms = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
      reject(new Error(`diagnostics for ${uri.fsPath} never matched; last seen: ${JSON.stringify(seen)}`));
    }, ms);
    check();
  });
}

/** The workspace folder the test run opened. */
export function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e run must open a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}
