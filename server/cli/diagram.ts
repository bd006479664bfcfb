/**
 * `cartograph diagram [dir] [--snapshot FILE] --view infra|security --out file.svg|file.html`: the
 * same graph and layout as the editor's diagram, written as a standalone SVG or HTML file.
 * Exit codes: 0 written, 2 bad usage or an unreadable input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readSnapshot } from '../cloud/snapshotStore';
import { buildDiagram } from '../diagram/buildDiagram';
import { renderHtml, renderSvg } from '../diagram/renderSvg';
import { linkAndCompare, workspaceStates } from '../link/linkSession';
import type { WorkspaceIndex } from '../terraform/workspaceIndex';
import { indexFolder } from '../workspace/indexFolder';

export const diagramUsage = `Usage: cartograph diagram [dir] [--snapshot FILE] --view infra|security --out FILE.svg|FILE.html

  dir               Terraform folder to draw (default: the current folder, unless only --snapshot is given)
  --snapshot FILE   a Cartograph snapshot (cartograph import); with a folder, drift is marked
  --view V          infra (networks, subnets, gateways, load balancers) or security (groups and allowed traffic)
  --out FILE        where to write: .svg for the picture, .html for a page with the picture and its findings
  --collapse ID     fold a group (repeatable)
`;


export async function diagramCommand(args: string[], io: { stdout(s: string): void; stderr(s: string): void }): Promise<number> {
  let values: { snapshot?: string; view?: string; out?: string; collapse?: string[]; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { snapshot: { type: 'string' }, view: { type: 'string', default: 'infra' }, out: { type: 'string' }, collapse: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    io.stderr(`cartograph diagram: ${error instanceof Error ? error.message : String(error)}\n\n${diagramUsage}`);
    return 2;
  }
  if (values.help) {
    io.stdout(diagramUsage);
    return 0;
  }
  const view = values.view;
  if (view !== 'infra' && view !== 'security') {
    io.stderr(`cartograph diagram: --view must be infra or security, not '${String(view)}'\n`);
    return 2;
  }
  const out = values.out;
  if (!out || !/\.(svg|html?)$/i.test(out)) {
    io.stderr(`cartograph diagram: --out must name a .svg or .html file${out ? `, not '${out}'` : ''}\n\n${diagramUsage}`);
    return 2;
  }
  if (positionals.length > 1) {
    io.stderr(`cartograph diagram: one folder at most, not ${positionals.length}\n`);
    return 2;
  }
  const dir = positionals[0] ?? (values.snapshot ? undefined : '.');
  let index: WorkspaceIndex | undefined;
  if (dir !== undefined) {
    const root = path.resolve(dir);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
      io.stderr(`cartograph diagram: ${root} is not a folder\n`);
      return 2;
    }
    index = await indexFolder(root, 'diagram', io.stderr);
  }
  let snapshot;
  if (values.snapshot) {
    try {
      snapshot = { snapshot: await readSnapshot(values.snapshot), label: path.basename(values.snapshot) };
    } catch (error) {
      io.stderr(`cartograph diagram: cannot read the snapshot: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }
  // With both, code and live are joined through the links (dir's terraform.tfstate first), as in the editor.
  let linked;
  if (index && snapshot) {
    const { states, problems } = workspaceStates(index);
    for (const p of problems) io.stderr(`cartograph diagram: ${p} (linking by ids and names instead)\n`);
    linked = linkAndCompare(index, snapshot.snapshot, states);
  }
  const layout = buildDiagram({ index, snapshot, view, collapsed: values.collapse, linked });
  const title = `${view === 'security' ? 'Security groups' : 'Infrastructure'}: ${[dir !== undefined ? path.basename(path.resolve(dir)) : undefined, snapshot?.label].filter(Boolean).join(' + ')}`;
  const text = /\.svg$/i.test(out) ? renderSvg(layout) : renderHtml(layout, title);
  try {
    fs.writeFileSync(out, text);
  } catch (error) {
    io.stderr(`cartograph diagram: cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  const g = layout.graph;
  io.stdout(`cartograph diagram: wrote ${out} (${g.groups.length} groups, ${g.nodes.length} nodes, ${g.edges.length} edges${g.edges.some((e) => e.risky) ? `, ${g.edges.filter((e) => e.risky).length} risky` : ''})\n`);
  return 0;
}
