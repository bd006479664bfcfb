/**
 * Terraform intelligence at scale, measured through the language server as an editor sees it
 * (dist/server.js over stdio, a real JSON-RPC client):
 *
 *   node --require tsx/cjs bench/terraformWorkspace.bench.ts [--files 2000] [--mb 50]
 *
 * It generates a workspace of AWS and Azure network code (security groups with many rules,
 * instances with heredoc user data, modules) and prints, each beside its floor from the same run:
 * - cold index of the whole workspace vs the single-thread bare tree-sitter parse of the same files;
 * - first diagnostics after didOpen while the background index runs (goal ≤ 200 ms);
 * - didChange → publishDiagnostics after a one-character edit in a 2,000-line file, p50/p95 over
 *   200 edits (goal p95 ≤ 30 ms), vs a bare incremental re-parse of the same edit;
 * - hover and definition p95 (goal ≤ 5 ms);
 * - the server's resident memory after indexing (goal ≤ 400 MB).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { HclParser } from '../server/terraform/hclParser';

const { values } = parseArgs({ options: { files: { type: 'string', default: '2000' }, mb: { type: 'string', default: '50' } } });
const fileCount = Number(values.files);
const targetBytes = Number(values.mb) * 1024 * 1024;
const modules = Math.max(1, Math.round(fileCount / 100));

function variablesFile(m: number): string {
  return `variable "vpc_cidr" {\n  default = "10.${m % 250}.0.0/16"\n}\n\nvariable "admin_cidrs" {\n  default = ["192.0.2.0/24"]\n}\n\nvariable "environment" {\n  default = "prod"\n}\n\nlocals {\n  tags = { Environment = var.environment, Module = "m${m}" }\n}\n\nresource "aws_vpc" "main" {\n  cidr_block = var.vpc_cidr\n  tags       = local.tags\n}\n`;
}

function block(m: number, f: number, i: number): string {
  const n = `${f}_${i}`;
  switch (i % 4) {
    case 0:
      return `resource "aws_subnet" "s${n}" {\n  vpc_id            = aws_vpc.main.id\n  cidr_block        = cidrsubnet(var.vpc_cidr, 8, ${i % 250})\n  availability_zone = "eu-west-1${'abc'[i % 3]}"\n  tags              = merge(local.tags, { Name = "s${n}" })\n}\n\n`;
    case 1: {
      const rules = Array.from({ length: 12 }, (_, r) => `  ingress {\n    description = "rule ${r}"\n    from_port   = ${1000 + r}\n    to_port     = ${1000 + r}\n    protocol    = "tcp"\n    cidr_blocks = var.admin_cidrs\n  }\n`).join('');
      return `resource "aws_security_group" "g${n}" {\n  name   = "g${n}"\n  vpc_id = aws_vpc.main.id\n${rules}  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n\n`;
    }
    case 2:
      return `resource "aws_instance" "i${n}" {\n  ami                    = "ami-0123456789abcdef0"\n  instance_type          = "t3.micro"\n  subnet_id              = aws_subnet.s${f}_${i - 2}.id\n  vpc_security_group_ids = [aws_security_group.g${f}_${i - 1}.id]\n  user_data = <<-EOT\n    #!/bin/bash\n    echo "environment=\${var.environment}" >> /etc/app.env\n    echo "module=m${m}" >> /etc/app.env\n    systemctl restart app\n  EOT\n  tags = local.tags\n}\n\n`;
    default:
      return `resource "azurerm_network_security_group" "n${n}" {\n  name                = "nsg-${n}"\n  location            = "westeurope"\n  resource_group_name = "rg-m${m}"\n\n  security_rule {\n    name                       = "https"\n    priority                   = ${100 + (i % 50)}\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    destination_port_range     = "443"\n    source_address_prefix      = "VirtualNetwork"\n    destination_address_prefix = "*"\n  }\n}\n\n`;
  }
}

function generate(root: string): { files: string[]; bytes: number; bigFile: string } {
  const perFile = Math.floor(targetBytes / fileCount);
  const files: string[] = [];
  let bytes = 0;
  for (let m = 0; m < modules; m++) {
    const dir = path.join(root, `m${m}`);
    fs.mkdirSync(dir, { recursive: true });
    const vars = path.join(dir, 'variables.tf');
    fs.writeFileSync(vars, variablesFile(m));
    files.push(vars);
  }
  for (let f = 0; files.length < fileCount; f++) {
    const m = f % modules;
    let text = '';
    for (let i = 0; text.length < perFile; i++) text += block(m, f, i);
    const file = path.join(root, `m${m}`, `f${f}.tf`);
    fs.writeFileSync(file, text);
    files.push(file);
    bytes += text.length;
  }
  // One file of about 2,000 lines for the editing figures.
  let big = '';
  for (let i = 0; big.split('\n').length < 2000; i++) big += block(0, 999999, i);
  const bigFile = path.join(root, 'm0', 'big.tf');
  fs.writeFileSync(bigFile, big);
  return { files, bytes, bigFile };
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main(): Promise<void> {
  const serverJs = path.join(__dirname, '..', 'dist', 'server.js');
  if (!fs.existsSync(serverJs)) throw new Error('dist/server.js is missing: run npm run build first');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-bench-ws-'));
  try {
    const { files, bytes, bigFile } = generate(root);
    console.log(`workspace: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${modules} modules`);

    // Floor: bare single-thread parse of every file.
    const parser = await HclParser.create('terraform');
    let t = performance.now();
    for (const f of files) parser.parse(fs.readFileSync(f, 'utf8')).delete();
    const bareParse = performance.now() - t;
    console.log(`floor, bare single-thread parse: ${(bareParse / 1000).toFixed(2)} s (${(bytes / 1024 / 1024 / (bareParse / 1000)).toFixed(2)} MB/s)`);

    const child = spawn(process.execPath, ['--expose-gc', serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const waiters = new Map<string, (version: number | undefined) => void>();
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => waiters.get(p.uri)?.(p.version));
    let indexEnd: (() => void) | undefined;
    const indexDone = new Promise<void>((resolve) => (indexEnd = resolve));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', (p: { value: { kind: string } }) => p.value.kind === 'end' && indexEnd?.());
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
    const rootUri = `file://${root}`;
    const started = performance.now();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: { window: { workDoneProgress: true } }, workspaceFolders: [{ uri: rootUri, name: 'bench' }] });
    connection.sendNotification('initialized', {});

    // First diagnostics for an opened file while the background index runs.
    const openUri = `file://${files[files.length - 1]}`;
    const firstDiagnostics = new Promise<number>((resolve) => waiters.set(openUri, () => resolve(performance.now())));
    t = performance.now();
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri: openUri, languageId: 'terraform', version: 1, text: fs.readFileSync(files[files.length - 1], 'utf8') } });
    const firstMs = (await firstDiagnostics) - t;
    waiters.delete(openUri);
    console.log(`first diagnostics after didOpen, index running: ${firstMs.toFixed(0)} ms (goal ≤ 200 ms)`);

    await indexDone;
    const coldIndex = performance.now() - started;
    console.log(`cold index over LSP, all cores: ${(coldIndex / 1000).toFixed(2)} s, ratio to bare single-thread parse ${(coldIndex / bareParse).toFixed(2)} (goal ≤ 1.0)`);
    const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    console.log(`server resident memory after indexing: ${rss.toFixed(0)} MB (goal ≤ 400 MB)`);
    const info = await connection.sendRequest<{ memory: { rss: number; heapUsed: number; external: number }; terraformIndex?: { files: number; unpacked: number } }>('cartograph/serverInfo', {});
    console.log(`  after a full collection: resident ${(info.memory.rss / 1048576).toFixed(0)} MB, JavaScript heap ${(info.memory.heapUsed / 1048576).toFixed(0)} MB, outside the heap ${(info.memory.external / 1048576).toFixed(0)} MB`);
    if (info.terraformIndex) console.log(`  index: ${info.terraformIndex.files} files, ${info.terraformIndex.unpacked} unpacked (the rest stay packed until read)`);

    // Editing: one character typed at random places in a 2,000-line file.
    const bigUri = `file://${bigFile}`;
    let text = fs.readFileSync(bigFile, 'utf8');
    const opened = new Promise<void>((resolve) => waiters.set(bigUri, () => resolve()));
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'terraform', version: 1, text } });
    await opened;
    const lines = text.split('\n');
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const edits: number[] = [];
    const bare: number[] = [];
    let tree = parser.parse(text);
    for (let i = 0; i < 200; i++) {
      const line = Math.floor(rand() * lines.length);
      const character = Math.floor(rand() * (lines[line].length + 1));
      const version = i + 2;
      const done = new Promise<void>((resolve) => waiters.set(bigUri, (v) => v === version && resolve()));
      const insert = i % 2 === 0 ? ' ' : '';
      const range = insert ? { start: { line, character }, end: { line, character } } : { start: { line, character: Math.max(0, character - 1) }, end: { line, character: Math.max(0, character - 1) } };
      const t0 = performance.now();
      connection.sendNotification('textDocument/didChange', { textDocument: { uri: bigUri, version }, contentChanges: [{ range, text: insert || ' ' }] });
      await done;
      edits.push(performance.now() - t0);
      // The floor: the bare incremental re-parse of the same edit.
      const offset = lines.slice(0, range.start.line).reduce((n, l) => n + l.length + 1, 0) + range.start.character;
      const t1 = performance.now();
      const result = parser.reparse(tree, text, [{ start: offset, end: offset, newText: ' ' }]);
      bare.push(performance.now() - t1);
      tree.delete();
      tree = result.tree;
      text = result.text;
      lines.splice(0, lines.length, ...text.split('\n'));
    }
    tree.delete();
    console.log(`didChange → diagnostics, 2,000-line file: p50 ${pct(edits, 50).toFixed(1)} ms, p95 ${pct(edits, 95).toFixed(1)} ms (goal p95 ≤ 30 ms); floor bare re-parse p50 ${pct(bare, 50).toFixed(2)} ms, ratio p50 ${(pct(edits, 50) / pct(bare, 50)).toFixed(1)}`);

    // Hover and definition on references in the big file.
    const refs: { line: number; character: number }[] = [];
    lines.forEach((l, line) => {
      const at = l.indexOf('var.');
      if (at !== -1) refs.push({ line, character: at + 5 });
    });
    const time = async (method: string): Promise<number[]> => {
      const out: number[] = [];
      for (const position of refs.slice(0, 200)) {
        const t0 = performance.now();
        await connection.sendRequest(method, { textDocument: { uri: bigUri }, position });
        out.push(performance.now() - t0);
      }
      return out;
    };
    const hovers = await time('textDocument/hover');
    const definitions = await time('textDocument/definition');
    const ping: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: `file://${root}/none.tf` } });
      ping.push(performance.now() - t0);
    }
    console.log(`hover p95 ${pct(hovers, 95).toFixed(2)} ms, definition p95 ${pct(definitions, 95).toFixed(2)} ms (goal ≤ 5 ms); floor empty request round trip p95 ${pct(ping, 95).toFixed(2)} ms`);
    await connection.sendRequest('shutdown');
    connection.sendNotification('exit');
    parser.delete();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
