import * as vscode from 'vscode';
import type { CartographInitializationOptions } from '../server/protocol/customMessages';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The documents the language server analyses. */
export const documentSelector = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', language: 'terraform-vars' },
  { scheme: 'file', language: 'cartograph-policy' },
  { scheme: 'file', language: 'sql' },
  { scheme: 'untitled', language: 'terraform' },
];

/** Creates (but does not start) the client for dist/server.js, run in its own Node process over IPC. */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: CartographInitializationOptions = {
    auditLogPath: vscode.Uri.joinPath(context.globalStorageUri, 'audit.jsonl').fsPath,
    machineId: vscode.env.machineId,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions,
    outputChannel: output,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars,policy.hcl,sql}'),
    },
  };
  return new LanguageClient('cartograph', 'Cartograph', serverOptions, clientOptions);
}
