/**
 * The built language server (dist/server.js --stdio) driven by a plain JSON-RPC client, as any
 * editor's LSP client drives it: the published diagnostics kept per document, and a wait for
 * diagnostics that satisfy a test (re-checked at each publication, never a fixed sleep).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export interface Diagnostic {
  code?: string;
  message: string;
  severity?: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface ServerUnderTest {
  child: ChildProcess;
  connection: MessageConnection;
  /** Initializes the server on one workspace folder (with code-lens refresh support), then says initialized. */
  initialize(root: string, initializationOptions: unknown): Promise<void>;
  /** Waits until the diagnostics of `uri` satisfy `ok`; undefined when they do not within `ms`. */
  diagnosticsWhere(uri: string, ok: (d: Diagnostic[]) => boolean, ms?: number): Promise<Diagnostic[] | undefined>;
  /** Opens a document with its text (version 1). */
  open(uri: string, languageId: string, text: string): void;
  /** Replaces a document's whole text. */
  change(uri: string, version: number, text: string): void;
  /** Shuts the server down as a client does. */
  stop(): Promise<void>;
}

/** Starts the built server; `trace` prints the server's error log lines to stderr. */
export function startServer(options: { trace?: boolean; nodeArgs?: string[] } = {}): ServerUnderTest {
  const server = path.join(__dirname, '..', '..', 'dist', 'server.js');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, Diagnostic[]>();
  const waiters: (() => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    diagnostics.set(p.uri, p.diagnostics);
    for (const wake of waiters.splice(0)) wake();
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    if (p.type === 1 && options.trace) console.error(p.message);
  });
  connection.onNotification(() => undefined);
  connection.listen();
  return {
    child,
    connection,
    async initialize(root, initializationOptions) {
      const rootUri = `file://${root}`;
      await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        capabilities: { workspace: { codeLens: { refreshSupport: true } } },
        workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
        initializationOptions,
      });
      void connection.sendNotification('initialized', {});
    },
    async diagnosticsWhere(uri, ok, ms = 30_000) {
      const until = Date.now() + ms;
      while (!ok(diagnostics.get(uri) ?? [])) {
        if (Date.now() > until) return undefined;
        await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), new Promise<void>((resolve) => setTimeout(resolve, 500))]);
      }
      return diagnostics.get(uri);
    },
    open(uri, languageId, text) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    change(uri, version, text) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      void connection.sendNotification('exit');
    },
  };
}

/** The line and character of a UTF-16 offset in `text`. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The line and character of the first `needle` in `text` at or after `from` (plus `offset` characters). */
export function positionOf(text: string, needle: string, offset = 0, from = 0): { line: number; character: number } {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  return positionAt(text, at + offset);
}
