import * as vscode from 'vscode';

/**
 * `Cartograph: Open the Demo Workspace`: a copy of the demo the extension ships (its `examples/`
 * folder: Terraform, a recorded snapshot, policies, schema, seed rows and queries) in the
 * extension's storage, opened as a folder. The copy is made once and kept, so what the user changes
 * in it stays; `{ reset: true }` copies it afresh. `{ open: false }` only makes the copy and returns
 * where it is (the extension's tests use it: opening a folder reloads the window).
 */
export function registerDemoCommand(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('cartograph.openDemo', async (options?: { open?: boolean; reset?: boolean }): Promise<vscode.Uri | undefined> => {
    const source = vscode.Uri.joinPath(context.extensionUri, 'examples');
    const target = vscode.Uri.joinPath(context.globalStorageUri, 'demo');
    try {
      await vscode.workspace.fs.stat(source);
    } catch {
      void vscode.window.showErrorMessage(`This build of Cartograph ships no demo (${source.fsPath} is missing).`);
      return undefined;
    }
    let exists = true;
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      exists = false;
    }
    if (!exists || options?.reset) {
      await vscode.workspace.fs.createDirectory(context.globalStorageUri);
      await vscode.workspace.fs.copy(source, target, { overwrite: true });
      output.info(`Copied the demo workspace to ${target.fsPath}`);
    }
    if (options?.open === false) return target;
    // In a window that shows nothing yet the demo takes its place; otherwise it opens beside it.
    const empty = (vscode.workspace.workspaceFolders?.length ?? 0) === 0;
    await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: !empty });
    return target;
  });
}
