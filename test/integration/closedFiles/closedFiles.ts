/**
 * Closed files over plain LSP. A workspace of 45 files is indexed by the built server's worker
 * threads, which deliver every closed file packed; the checks then ask, from one opened file, for
 * what only closed files hold: symbols, definitions across files and into a child module,
 * references and rename through every file, hover with a value from a closed file, and module-wide
 * diagnostics. Each must be what it would be if every file were open, and files no feature read
 * must stay packed. Prints one line per check and "N passed, N failed".
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { check, runChecks } from '../checks';


interface Location {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const appFiles = 30;
const otherFiles = 10;

function appFile(i: number): string {
  return (
    `resource "aws_security_group" "sg_${i}" {\n` +
    `  name   = "sg-${i}-\${var.env}"\n` +
    `  vpc_id = module.net.vpc_id\n` +
    `}\n` +
    (i === 3 ? `\nresource "aws_subnet" "s3" {\n  vpc_id     = aws_vpc.nowhere.id\n  cidr_block = "10.0.3.0/24"\n}\n` : '')
  );
}

function writeWorkspace(root: string): void {
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('net/variables.tf', 'variable "cidr" {\n  type = string\n}\n');
  write('net/main.tf', 'resource "aws_vpc" "main" {\n  cidr_block = var.cidr\n}\n');
  write('net/outputs.tf', 'output "vpc_id" {\n  value = aws_vpc.main.id\n}\n');
  write('app/variables.tf', 'variable "env" {\n  default = "prod-eu"\n}\n');
  write('app/main.tf', 'module "net" {\n  source = "../net"\n  cidr   = "10.0.0.0/16"\n}\n');
  for (let i = 0; i < appFiles; i++) write(`app/f${i}.tf`, appFile(i));
  for (let i = 0; i < otherFiles; i++) write(`other/o${i}.tf`, `resource "aws_vpc" "o${i}" {\n  cidr_block = "10.${i}.0.0/16"\n}\n`);
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-closed-'));
  writeWorkspace(root);
  const uri = (file: string): string => `file://${path.join(root, file)}`;
  const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, '..', '..', '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, { message: string; range: Location['range'] }[]>();
  const published: (() => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { message: string; range: Location['range'] }[] }) => {
    diagnostics.set(p.uri, p.diagnostics);
    for (const wake of published.splice(0)) wake();
  });
  let indexed: () => void = () => undefined;
  const indexDone = new Promise<void>((resolve) => (indexed = resolve));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
    if (p.value.kind === 'end') indexed();
  });
  connection.onNotification(() => undefined);
  connection.listen();
  const total = 5 + appFiles + otherFiles;
  try {
    const rootUri = `file://${root}`;
    await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: { window: { workDoneProgress: true } }, workspaceFolders: [{ uri: rootUri, name: 'closed' }] });
    connection.sendNotification('initialized', {});
    await indexDone;
    const counts = async (): Promise<{ files: number; unpacked: number }> =>
      (await connection.sendRequest<{ terraformIndex: { files: number; unpacked: number } }>('cartograph/serverInfo', {})).terraformIndex;

    let index = await counts();
    check(index.files === total && index.unpacked === 0, `all ${total} files indexed, none unpacked`, JSON.stringify(index));

    const symbols = await connection.sendRequest<{ name: string; location: Location }[]>('workspace/symbol', { query: 'sg_17' });
    const sg17 = symbols.find((s) => s.name === 'aws_security_group.sg_17');
    check(sg17?.location.uri === uri('app/f17.tf') && sg17.location.range.start.line === 0, 'workspace symbols find a resource in a closed file', JSON.stringify(symbols));
    check((await counts()).unpacked === 0, 'workspace symbols unpack nothing');

    // In the child module, the variable's value comes from its caller: while the caller's module is
    // still packed, it is found through the files' summaries.
    const childMain = uri('net/main.tf');
    const childText = 'resource "aws_vpc" "main" {\n  cidr_block = var.cidr\n}\n';
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri: childMain, languageId: 'terraform', version: 1, text: childText } });
    const childHover = await connection.sendRequest<{ contents: { value: string } | string } | null>('textDocument/hover', { textDocument: { uri: childMain }, position: { line: 1, character: childText.split('\n')[1].indexOf('var.cidr') + 5 } });
    const childHoverText = typeof childHover?.contents === 'string' ? childHover.contents : (childHover?.contents.value ?? '');
    check(childHoverText.includes('10.0.0.0/16'), 'hover on var.cidr in the child module shows the value its caller in a closed file passes', childHoverText);

    // Open one file of the app module: its module is read, the other folder is not.
    const opened = uri('app/f3.tf');
    const text = appFile(3);
    const settled = new Promise<void>((resolve) => published.push(resolve));
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri: opened, languageId: 'terraform', version: 1, text } });
    await settled;
    // Module-wide findings follow once the folder is complete: wait for the undeclared reference.
    const until = Date.now() + 20_000;
    while (!(diagnostics.get(opened) ?? []).some((d) => d.message.includes('nowhere')) && Date.now() < until) {
      await new Promise<void>((resolve) => published.push(resolve));
    }
    const messages = (diagnostics.get(opened) ?? []).map((d) => d.message);
    check(
      messages.some((m) => m.includes('aws_vpc.nowhere')) && !messages.some((m) => m.includes('var.env') || m.includes('module.net')),
      'diagnostics: the undeclared resource is reported, declarations in closed files are found',
      JSON.stringify(messages),
    );

    const at = (line: number, needle: string): { line: number; character: number } => ({ line, character: text.split('\n')[line].indexOf(needle) + 1 });
    const definition = await connection.sendRequest<Location | Location[]>('textDocument/definition', { textDocument: { uri: opened }, position: at(1, 'var.env') });
    const target = Array.isArray(definition) ? definition[0] : definition;
    check(target?.uri === uri('app/variables.tf') && target.range.start.line === 0, 'definition of var.env lands in the closed variables.tf', JSON.stringify(definition));

    // `vpc_id = module.net.vpc_id`: the output's name, the second `vpc_id` on the line.
    const outputName = { line: 2, character: text.split('\n')[2].lastIndexOf('vpc_id') + 1 };
    const output = await connection.sendRequest<Location | Location[]>('textDocument/definition', { textDocument: { uri: opened }, position: outputName });
    const outputTarget = Array.isArray(output) ? output[0] : output;
    check(outputTarget?.uri === uri('net/outputs.tf'), 'definition of module.net.vpc_id lands in the child module\'s closed outputs.tf', JSON.stringify(output));

    const hover = await connection.sendRequest<{ contents: { value: string } | string } | null>('textDocument/hover', { textDocument: { uri: opened }, position: at(1, 'var.env') });
    const hoverText = typeof hover?.contents === 'string' ? hover.contents : (hover?.contents.value ?? '');
    check(hoverText.includes('prod-eu'), 'hover on var.env shows the default from the closed variables.tf', hoverText);

    const references = await connection.sendRequest<Location[]>('textDocument/references', { textDocument: { uri: opened }, position: at(1, 'var.env'), context: { includeDeclaration: false } });
    const referencing = new Set(references.map((r) => r.uri));
    check(referencing.size === appFiles && references.length === appFiles, `references of var.env: one in each of the ${appFiles} files`, `${references.length} in ${referencing.size} files`);

    const rename = await connection.sendRequest<{ changes?: Record<string, unknown[]> }>('textDocument/rename', { textDocument: { uri: opened }, position: at(1, 'var.env'), newName: 'environment' });
    const edited = Object.keys(rename.changes ?? {});
    check(edited.length === appFiles + 1 && edited.includes(uri('app/variables.tf')), `rename of var.env edits the declaration and all ${appFiles} files`, `${edited.length} files`);

    index = await counts();
    check(index.unpacked > 0 && index.unpacked <= total - otherFiles, 'only the modules features read are unpacked: the other folder stays packed', JSON.stringify(index));

    await connection.sendRequest('shutdown');
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await connection.sendNotification('exit');
    await exited;
  } finally {
    connection.dispose();
    child.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

runChecks(main);
