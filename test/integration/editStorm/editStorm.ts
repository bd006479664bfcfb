/**
 * An edit storm over LSP: the built language server (dist/server.js --stdio) under a real JSON-RPC
 * client receives 10,000 random didChange edits (incremental and full) across 50 open documents,
 * interleaved with hover, definition, completion and cancelled requests. It must stay up, answer
 * every request, publish for the final texts the same diagnostics as a fresh server given the same
 * files, and end holding no more than 20 % more memory than after the first pass: the JavaScript
 * heap, and what lives outside it (the parsers' WebAssembly memory, buffers). Both are measured
 * after a full garbage collection, so that the check sees leaks rather than V8's collection
 * schedule; resident memory is printed but not checked, since the allocator keeps freed pages
 * resident at its own discretion (tens of megabytes from run to run).
 * Prints one line per check and "N passed, N failed".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { check, runChecks } from '../checks';

const edits = Number(process.env.STORM_EDITS ?? 10_000);
const documents = 50;

let seed = 12345;
const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

interface Server {
  child: ChildProcess;
  connection: MessageConnection;
  diagnostics: Map<string, { version?: number; diagnostics: { message: string; range: unknown }[] }>;
}

async function startServer(root: string): Promise<Server> {
  const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, '..', '..', '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics: Server['diagnostics'] = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: { message: string; range: unknown }[] }) => {
    diagnostics.set(p.uri, p);
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  const rootUri = `file://${root}`;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: [{ uri: rootUri, name: 'storm' }] });
  connection.sendNotification('initialized', {});
  return { child, connection, diagnostics };
}

/**
 * The server's memory in MB, measured by the server itself right after a full garbage collection
 * (it runs with --expose-gc): what it holds, not how far V8 has let garbage pile up.
 */
async function serverMemory(server: Server): Promise<{ rss: number; heap: number; external: number }> {
  const info = await server.connection.sendRequest<{ memory: { rss: number; heapUsed: number; external: number; afterCollection: boolean } }>('cartograph/serverInfo', {});
  if (!info.memory.afterCollection) throw new Error('the server did not collect garbage before measuring (is it running with --expose-gc?)');
  const mb = (bytes: number): number => bytes / 1048576;
  return { rss: mb(info.memory.rss), heap: mb(info.memory.heapUsed), external: mb(info.memory.external) };
}

function template(i: number): string {
  return `variable "cidr_${i}" {\n  default = "10.${i}.0.0/16"\n}\n\nlocals {\n  name_${i} = "svc-${i}"\n}\n\nresource "aws_vpc" "v${i}" {\n  cidr_block = var.cidr_${i}\n  tags       = { Name = local.name_${i} }\n}\n\nresource "aws_subnet" "s${i}" {\n  vpc_id     = aws_vpc.v${i}.id\n  cidr_block = cidrsubnet(var.cidr_${i}, 8, 1)\n}\n`;
}

const pieces = ['{', '}', '"', '\n', ' = ', 'var.', 'local.', '${', 'x', '#', '[', ']', '', 'aws_vpc.v1.id', '<<EOT\n', 'EOT\n'];

/** Waits until `condition` holds, checking after each message from the server. */
async function settle(server: Server, condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) return false;
    await server.connection.sendRequest('workspace/symbol', { query: '' }); // a round trip: everything sent before it has been processed
  }
  return true;
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-storm-'));
  try {
    const texts = new Map<string, string>();
    const versions = new Map<string, number>();
    for (let i = 0; i < documents; i++) {
      const file = path.join(root, `m${i % 5}`, `f${i}.tf`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, template(i));
      texts.set(`file://${file}`, template(i));
    }
    const server = await startServer(root);
    for (const [uri, text] of texts) {
      versions.set(uri, 1);
      server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    }
    let answered = 0;
    let requests = 0;
    let memoryAfterFirstPass = { rss: 0, heap: 0, external: 0 };
    const uris = [...texts.keys()];
    const pending: Promise<unknown>[] = [];
    for (let n = 0; n < edits; n++) {
      const uri = pick(uris);
      const text = texts.get(uri)!;
      const version = versions.get(uri)! + 1;
      versions.set(uri, version);
      if (rand() < 0.05) {
        const full = rand() < 0.5 ? template(Math.floor(rand() * 100)) : text.slice(0, Math.floor(rand() * text.length));
        texts.set(uri, full);
        server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: full }] });
      } else {
        const lines = text.split('\n');
        const line = Math.floor(rand() * lines.length);
        const a = Math.floor(rand() * (lines[line].length + 1));
        const b = Math.min(lines[line].length, a + Math.floor(rand() * 3));
        const insert = pick(pieces);
        lines[line] = lines[line].slice(0, a) + insert + lines[line].slice(b);
        texts.set(uri, lines.join('\n'));
        server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: a }, end: { line, character: b } }, text: insert }] });
      }
      if (n % 10 === 0) {
        const lines = texts.get(uri)!.split('\n');
        const line = Math.floor(rand() * lines.length);
        const position = { line, character: Math.floor(rand() * (lines[line].length + 1)) };
        const method = pick(['textDocument/hover', 'textDocument/definition', 'textDocument/completion', 'textDocument/documentSymbol']);
        const source = new CancellationTokenSource();
        requests++;
        pending.push(server.connection.sendRequest(method, { textDocument: { uri }, position }, source.token).then(() => answered++, (e: { code?: number }) => {
          // A cancelled request may be answered with RequestCancelled: that is an answer.
          if (e?.code === -32800) answered++;
        }));
        if (rand() < 0.3) source.cancel();
      }
      if (n === Math.floor(edits / 10)) {
        await Promise.all(pending);
        memoryAfterFirstPass = await serverMemory(server);
      }
    }
    await Promise.all(pending);
    check(server.child.exitCode === null, 'server still running after the storm');
    check(answered === requests, `answered every request (${answered}/${requests})`);
    const ok = await settle(server, () => uris.every((u) => server.diagnostics.get(u)?.version === versions.get(u)), 60_000);
    check(ok, 'diagnostics published for every document\'s final version');
    const memoryAtEnd = await serverMemory(server);
    const first = memoryAfterFirstPass;
    check(
      memoryAtEnd.heap <= first.heap * 1.2 && memoryAtEnd.external <= first.external * 1.2,
      `memory within 20 % of the first pass (JavaScript heap ${first.heap.toFixed(0)} → ${memoryAtEnd.heap.toFixed(0)} MB, outside it ${first.external.toFixed(0)} → ${memoryAtEnd.external.toFixed(0)} MB; resident ${first.rss.toFixed(0)} → ${memoryAtEnd.rss.toFixed(0)} MB)`,
    );

    // A fresh server on the final texts must say the same.
    for (const [uri, text] of texts) fs.writeFileSync(new URL(uri), text);
    const fresh = await startServer(root);
    for (const [uri, text] of texts) fresh.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    await settle(fresh, () => uris.every((u) => fresh.diagnostics.has(u)), 60_000);
    // Module-wide findings settle once every folder is indexed: a round of re-publishing later.
    await settle(fresh, () => false, 3_000);
    await settle(server, () => false, 3_000);
    const mismatches = uris.filter((u) => JSON.stringify(server.diagnostics.get(u)?.diagnostics) !== JSON.stringify(fresh.diagnostics.get(u)?.diagnostics));
    check(mismatches.length === 0, 'final diagnostics equal a fresh server\'s', `${mismatches.length} differ, e.g. ${mismatches[0]}`);
    for (const s of [server, fresh]) {
      await s.connection.sendRequest('shutdown');
      s.connection.sendNotification('exit');
    }
    console.log(`edit storm: ${edits} edits, ${requests} requests, resident memory ${memoryAfterFirstPass.rss.toFixed(0)} → ${memoryAtEnd.rss.toFixed(0)} MB`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

runChecks(main);
