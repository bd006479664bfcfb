/**
 * The live comparison as any LSP client sees it. A copy of the demo workspace (Terraform, its
 * terraform.tfstate and the recorded snapshot, which has drifted: app-1 resized to t3.xlarge and an
 * RDP rule opened in the console) is opened in the built server with `cartograph.snapshot` set:
 * the drift is a diagnostic with the live value, hover shows live attributes, a code lens stands
 * above each linked resource, the diagram marks the changed instance, and a snapshot that cannot be
 * read is reported without losing anything. Prints one line per check and "N passed, N failed".
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check, runChecks } from '../checks';
import { positionOf, startServer } from '../lspServer';

async function main(): Promise<void> {
  const repo = path.join(__dirname, '..', '..', '..');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-live-'));
  fs.cpSync(path.join(repo, 'examples'), root, { recursive: true });
  const server = startServer({ trace: process.env.LIVE_TRACE !== undefined });
  const { child, connection, diagnosticsWhere } = server;
  try {
    await server.initialize(root, { live: { snapshot: 'snapshot/aws-northwind-production.json' } });
    const open = (name: string): { uri: string; text: string } => {
      const file = path.join(root, 'terraform', name);
      const text = fs.readFileSync(file, 'utf8');
      const uri = `file://${file}`;
      server.open(uri, 'terraform', text);
      return { uri, text };
    };
    const compute = open('compute.tf');
    const security = open('security.tf');

    const resized = await diagnosticsWhere(compute.uri, (d) => d.some((x) => x.code === 'CG-DRIFT-ATTRIBUTE'));
    const attr = resized?.find((x) => x.code === 'CG-DRIFT-ATTRIBUTE');
    check(attr !== undefined && /t3\.xlarge/.test(attr.message) && /t3\.large/.test(attr.message), 'a resized instance is a drift diagnostic with the live and declared values', JSON.stringify(attr));
    check(attr !== undefined && attr.range.start.line === positionOf(compute.text, 'instance_type          = var').line && attr.severity === 2, 'it stands on instance_type, as a warning', JSON.stringify(attr?.range));
    const rdp = await diagnosticsWhere(security.uri, (d) => d.some((x) => x.code === 'CG-DRIFT-RULE-ADDED'));
    const added = rdp?.find((x) => x.code === 'CG-DRIFT-RULE-ADDED');
    check(added !== undefined && /3389/.test(added.message) && /0\.0\.0\.0\/0/.test(added.message), 'a rule opened in the console is a drift diagnostic on its group', JSON.stringify(added));
    check(added !== undefined && added.range.start.line === positionOf(security.text, 'resource "aws_security_group" "app"').line, 'it stands on the group\'s header');

    const onLive = (rdp ?? []).filter((x) => /^Live only:/.test(x.message));
    check(onLive.length === 1 && onLive[0].code === 'CG-AWS-SG-001' && /RDP \(3389\)/.test(onLive[0].message) && onLive[0].severity === 1, 'the rules run on the live group too: the console\'s world-open RDP is an error on the code that manages it', JSON.stringify(onLive));
    check(!onLive.some((x) => /SSH \(22\)/.test(x.message)), 'a live risk the code already shows is not repeated');

    const hover = await connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: compute.uri }, position: positionOf(compute.text, 'resource "aws_instance" "app"', 12) });
    const hoverText = hover?.contents.value ?? '';
    check(/\*\*Live\*\*/.test(hoverText) && /i-575ea926f1ba990a9/.test(hoverText), 'hover on a linked resource shows its live instance', hoverText.slice(0, 200));
    check(/instance_type \| `"t3\.xlarge"` ⚠ \| `"t3\.large"`/.test(hoverText), 'hover shows the live value beside the declared one, marked as drift', hoverText.slice(0, 600));
    check(/Snapshot taken 2025-06-02T07:30:00\.000Z/.test(hoverText), 'hover says when the snapshot was taken');

    const lenses = await connection.sendRequest<{ range: { start: { line: number } }; command?: { title: string; command: string; arguments?: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: compute.uri } });
    const appLine = positionOf(compute.text, 'resource "aws_instance" "app"').line;
    const appLenses = lenses.filter((l) => l.range.start.line === appLine);
    check(appLenses.some((l) => /2 of 2 live/.test(l.command?.title ?? '') && /1 drift/.test(l.command?.title ?? '')), 'a code lens gives the counted resource\'s live instances and its drift count', JSON.stringify(appLenses.map((l) => l.command?.title)));
    check(appLenses.some((l) => l.command?.command === 'cartograph.showInDiagram' && l.command.arguments?.[0] === 'aws_instance.app[0]'), 'a second lens shows it in the diagram');

    const diagram = await connection.sendRequest<{ layout: { graph: { nodes: { id: string; drift?: string; address?: string; source?: unknown }[] } }; snapshotFile?: string }>('cartograph/diagram', { view: 'infra' });
    const app1 = diagram.layout.graph.nodes.find((n) => n.id === 'i-575ea926f1ba990a9');
    check(app1?.drift === 'changed' && app1.address === 'aws_instance.app[0]' && app1.source !== undefined, 'the diagram draws the live instance as changed, with its Terraform source', JSON.stringify(app1));
    check(diagram.layout.graph.nodes.filter((n) => n.drift === 'codeOnly').length === 0, 'resources linked through the state are not drawn as code-only');
    check(diagram.snapshotFile === path.join(root, 'snapshot', 'aws-northwind-production.json'), 'the diagram names the snapshot it drew');

    // Typing in one open file changes what another may reference: renaming the group in
    // security.tf a letter at a time leaves compute.tf's reference to it undeclared once the user
    // stops typing, and restoring the name clears it.
    const header = 'resource "aws_security_group" "app"';
    const renameAt = positionOf(security.text, header, header.length - 1);
    [...'_old'].forEach((letter, i) => {
      const at = { line: renameAt.line, character: renameAt.character + i };
      connection.sendNotification('textDocument/didChange', { textDocument: { uri: security.uri, version: 2 + i }, contentChanges: [{ range: { start: at, end: at }, text: letter }] });
    });
    const referenceLine = positionOf(compute.text, 'vpc_security_group_ids = [aws_security_group.app.id]').line;
    const undeclared = await diagnosticsWhere(compute.uri, (d) => d.some((x) => x.code === 'CG-TF-UNDECLARED' && x.range.start.line === referenceLine));
    check(undeclared !== undefined, 'after typing in one file, another open file shows the reference it broke');
    connection.sendNotification('textDocument/didChange', { textDocument: { uri: security.uri, version: 6 }, contentChanges: [{ text: security.text }] });
    const mended = await diagnosticsWhere(compute.uri, (d) => !d.some((x) => x.code === 'CG-TF-UNDECLARED') && d.some((x) => x.code === 'CG-DRIFT-ATTRIBUTE'));
    check(mended !== undefined, 'and the diagnostic goes when the name is typed back');

    // A snapshot that cannot be read: reported, naming the file; the Terraform's own findings stay.
    const broken = path.join(root, 'broken.json');
    fs.writeFileSync(broken, '{"format": "cartograph-snapshot", "version": 1, "resources": [');
    connection.sendNotification('cartograph/showSnapshot', { file: broken });
    const cleared = await diagnosticsWhere(compute.uri, (d) => !d.some((x) => x.code?.startsWith('CG-DRIFT')) && d.length > 0);
    check(cleared !== undefined, 'an unreadable snapshot leaves no stale drift and keeps the other findings');
    const status = await connection.sendRequest<{ problem?: string; file?: string }>('cartograph/liveStatus', {});
    check(status.file === broken && (status.problem ?? '').includes('broken.json'), 'the live status names the unreadable snapshot', JSON.stringify(status));
    check(child.exitCode === null, 'the server is still running');

    connection.sendNotification('cartograph/showSnapshot', {});
    const back = await diagnosticsWhere(compute.uri, (d) => d.some((x) => x.code === 'CG-DRIFT-ATTRIBUTE'));
    check(back !== undefined, 'going back to the setting shows the drift again');

    await server.stop();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

runChecks(main);
