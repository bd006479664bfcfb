import {
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { HclParser } from '../terraform/hclParser';
import { DocumentStore, type ParsedDocument } from './documentStore';
import { publishDiagnostics } from './handlers/diagnostics';
import { workspaceInventory } from './handlers/inventory';
import { WorkspaceInventoryRequest } from '../protocol/customMessages';
import { cartographVersion } from '../version';

/**
 * Wires Cartograph's engine to an LSP connection. Every handler is guarded: an exception while
 * analysing one document is logged with the document's URI and leaves that document's last
 * diagnostics in place; the server keeps serving every other request.
 */
export function startLanguageServer(connection: Connection): void {
  let store: DocumentStore | undefined;
  let parsers: { terraform: HclParser; hcl: HclParser } | undefined;
  let folders: string[] = [];
  let clientTracksFolders = false;

  const guard = <T>(what: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      connection.console.error(`Cartograph: ${what} failed: ${detail}`);
      return undefined;
    }
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (folders.length === 0 && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    clientTracksFolders = params.capabilities.workspace?.workspaceFolders === true;
    parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
    store = new DocumentStore(parsers);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cartograph', version: cartographVersion },
    };
  });

  connection.onInitialized(() => {
    connection.console.info(`Cartograph language server ${cartographVersion} ready (${folders.length} workspace folder(s))`);
    // Only clients that declared workspace-folder support may be asked for change events.
    if (clientTracksFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => URI.parse(f.uri).fsPath));
        folders = folders.filter((f) => !removed.has(f)).concat(event.added.map((f) => URI.parse(f.uri).fsPath));
      });
    }
  });

  const publish = (entry: ParsedDocument | undefined): void => {
    if (entry) guard(`diagnostics for ${entry.document.uri}`, () => publishDiagnostics(connection, entry));
  };

  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    publish(guard(`parsing ${d.uri}`, () => store?.open(d.uri, d.languageId, d.version, d.text)));
  });

  connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => {
    publish(guard(`re-parsing ${d.uri}`, () => store?.change(d.uri, d.version, contentChanges)));
  });

  connection.onDidCloseTextDocument(({ textDocument: d }) => {
    guard(`closing ${d.uri}`, () => store?.close(d.uri));
    // A closed file's diagnostics belong to the workspace scan, which owns them from here.
    void connection.sendDiagnostics({ uri: d.uri, diagnostics: [] });
  });

  connection.onRequest(WorkspaceInventoryRequest.method, (): WorkspaceInventoryRequest.Result => {
    if (!store || !parsers) return { blocks: [], skipped: [] };
    return guard('the workspace inventory', () => workspaceInventory(folders, store!, parsers!)) ?? { blocks: [], skipped: [] };
  });

  connection.onShutdown(() => {
    for (const entry of store?.all() ?? []) store?.close(entry.document.uri);
    parsers?.terraform.delete();
    parsers?.hcl.delete();
  });

  connection.listen();
}
