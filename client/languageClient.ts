import * as vscode from 'vscode';
import type { CartographInitializationOptions, ComplianceSettings } from '../server/protocol/customMessages';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { sessionFromSettings } from './policyPreview';

/** The documents the language server analyses. */
export const documentSelector = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', language: 'terraform-vars' },
  { scheme: 'file', language: 'cartograph-policy' },
  { scheme: 'file', language: 'sql' },
  { scheme: 'untitled', language: 'terraform' },
];

/**
 * When the server process dies: restart it and say so once (work in flight was interrupted); after
 * three deaths in three minutes, stop restarting — a restart loop helps nobody — and say how to
 * start it again.
 */
export class RestartOnceErrorHandler implements ErrorHandler {
  private deaths: number[] = [];
  private told = false;

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.deaths = this.deaths.filter((t) => now - t < 3 * 60_000);
    this.deaths.push(now);
    if (this.deaths.length >= 3) {
      return { action: CloseAction.DoNotRestart, message: 'Cartograph\'s language server stopped three times in three minutes and was not restarted. See the Cartograph output, then run "Cartograph: Restart Language Server".' };
    }
    if (this.told) return { action: CloseAction.Restart, handled: true };
    this.told = true;
    return { action: CloseAction.Restart, message: 'Cartograph\'s language server stopped unexpectedly and was restarted. An import or preview that was running was interrupted: run it again.' };
  }
}

/** The compliance profiles and allowed regions from settings. */
export function complianceSettings(): ComplianceSettings {
  const config = vscode.workspace.getConfiguration('cartograph');
  return { profiles: config.get<string[]>('profiles', ['baseline']), allowedRegions: config.get<string[]>('allowedRegions', []) };
}

/** The live comparison's settings, in the shape the server reads them. */
export function liveSettings(): NonNullable<CartographInitializationOptions['live']> {
  const config = vscode.workspace.getConfiguration('cartograph');
  return { snapshot: config.get<string>('snapshot', ''), statePath: config.get<string>('statePath', ''), drift: { severity: config.get<string>('drift.severity', 'warning') } };
}

/** Creates (but does not start) the client for dist/server.js, run in its own Node process over IPC. */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Read at every start and restart of the server, so that a restarted server has the current settings.
  const initializationOptions = (): CartographInitializationOptions => ({
    auditLogPath: vscode.Uri.joinPath(context.globalStorageUri, 'audit.jsonl').fsPath,
    machineId: vscode.env.machineId,
    storagePath: context.globalStorageUri.fsPath,
    compliance: complianceSettings(),
    docsBase: context.extensionUri.toString(),
    live: liveSettings(),
    preview: sessionFromSettings(),
  });
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions,
    errorHandler: new RestartOnceErrorHandler(),
    outputChannel: output,
    synchronize: {
      // Sends the `cartograph.*` settings to the server whenever they change.
      configurationSection: 'cartograph',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars,tfstate,policy.hcl,sql}'),
    },
  };
  return new LanguageClient('cartograph', 'Cartograph', serverOptions, clientOptions);
}
