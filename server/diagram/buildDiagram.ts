import type { DriftReport } from '../link/drift';
import type { LinkResult } from '../link/linker';
import type { CloudSnapshot } from '../protocol/snapshot';
import type { WorkspaceIndex } from '../terraform/workspaceIndex';
import type { DiagramGraph, DiagramLayout, DiagramSources, DiagramView } from './diagramModel';
import type { DiagramResource } from './diagramResource';
import { withDrift } from './driftMarks';
import { infraGraph } from './infraGraph';
import { layoutDiagram } from './layout';
import { securityGraph } from './securityGraph';
import { terraformResources } from './terraformResources';

/** What a diagram is built from: the Terraform workspace, a snapshot, or both (with drift). */
export interface DiagramInput {
  index?: WorkspaceIndex;
  snapshot?: { snapshot: CloudSnapshot; label: string };
  view: DiagramView;
  /** Groups the user folded (infrastructure view). */
  collapsed?: readonly string[];
  /**
   * The linker's links of `index` to `snapshot`, with their drift: code and live are joined through
   * them (terraform.tfstate first). Without them, resources are matched by name only.
   */
  linked?: { links: LinkResult; drift: DriftReport };
}

/** The resources of the input, joined with drift marks when both sources are given. */
export function diagramResources(input: Pick<DiagramInput, 'index' | 'snapshot' | 'linked'>): DiagramResource[] {
  const code = input.index ? terraformResources(input.index) : undefined;
  const live = input.snapshot?.snapshot.resources;
  if (code && live) return withDrift(code, live, input.linked);
  return code ?? [...(live ?? [])];
}

/** The graph of one view, before layout. */
export function diagramGraph(input: DiagramInput): DiagramGraph {
  const resources = diagramResources(input);
  const sources: DiagramSources = { terraform: input.index !== undefined };
  if (input.snapshot) sources.snapshot = { label: input.snapshot.label, importedAt: input.snapshot.snapshot.importedAt };
  return input.view === 'security' ? securityGraph(resources, sources) : infraGraph(resources, sources, { collapsed: new Set(input.collapsed ?? []) });
}

/** The graph of one view, laid out. */
export function buildDiagram(input: DiagramInput): DiagramLayout {
  return layoutDiagram(diagramGraph(input));
}
