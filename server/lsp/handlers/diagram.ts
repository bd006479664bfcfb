import * as path from 'node:path';
import { readSnapshot } from '../../cloud/snapshotStore';
import { buildDiagram } from '../../diagram/buildDiagram';
import { diagramSvgTree } from '../../diagram/svgTree';
import { standaloneStyle } from '../../diagram/renderSvg';
import type { DiagramRequest } from '../../protocol/diagramMessages';
import type { CloudSnapshot } from '../../protocol/snapshot';
import type { WorkspaceIndex } from '../../terraform/workspaceIndex';
import { linkAndCompare, workspaceStates } from '../../link/linkSession';
import type { LiveStateService } from '../liveStateService';

/**
 * Answers `cartograph/diagram` from the workspace index and, when named, a snapshot file, else the
 * snapshot the workspace is compared with (`live`). Code and live are joined through the links, as
 * drift and hover join them. A snapshot that cannot be read is a warning (the Terraform diagram is
 * still drawn), never a failure.
 */
export async function workspaceDiagram(
  index: WorkspaceIndex | undefined,
  params: DiagramRequest.Params,
  live?: Pick<LiveStateService, 'current' | 'problem'>,
  read: (file: string) => Promise<CloudSnapshot> = readSnapshot,
): Promise<DiagramRequest.Result> {
  const warnings: string[] = [];
  let snapshot: { snapshot: CloudSnapshot; label: string } | undefined;
  let linked: ReturnType<typeof linkAndCompare> | undefined;
  let snapshotFile: string | undefined;
  const inForce = live?.current({ fresh: true });
  if (!params.snapshotPath && inForce) {
    snapshot = { snapshot: inForce.snapshot, label: path.basename(inForce.file) };
    linked = { links: inForce.links, drift: inForce.drift };
    snapshotFile = inForce.file;
  } else if (!params.snapshotPath && live?.problem()) {
    warnings.push(`Could not read the snapshot: ${live.problem()}`);
  }
  if (params.snapshotPath) {
    try {
      snapshot = { snapshot: await read(params.snapshotPath), label: path.basename(params.snapshotPath) };
      snapshotFile = params.snapshotPath;
    } catch (error) {
      warnings.push(`Could not read the snapshot ${params.snapshotPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const view = params.view === 'security' ? 'security' : 'infra';
  const collapsed = Array.isArray(params.collapsed) ? params.collapsed.filter((c): c is string => typeof c === 'string') : [];
  if (snapshot && index && !linked) linked = linkAndCompare(index, snapshot.snapshot, workspaceStates(index).states);
  const layout = buildDiagram({ index, snapshot, view, collapsed, linked });
  return { layout, svg: diagramSvgTree(layout), exportStyle: standaloneStyle, warnings, ...(snapshotFile ? { snapshotFile } : {}) };
}
