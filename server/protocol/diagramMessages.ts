/**
 * Custom LSP requests of the diagram. Types only; the graph model itself is in
 * server/diagram/diagramModel.ts.
 */
import type { DiagramLayout, DiagramView } from '../diagram/diagramModel';
import type { SvgElement } from '../diagram/svgTree';

/**
 * `cartograph/diagram`: one view of the workspace's Terraform (from the server's index, open
 * documents as typed), joined with a snapshot when one is named (drift marked), laid out.
 */
export namespace DiagramRequest {
  export const method = 'cartograph/diagram';
  export interface Params {
    view: DiagramView;
    /** A snapshot file to show instead of the one the workspace is compared with (`cartograph/showSnapshot`, `cartograph.snapshot`). */
    snapshotPath?: string;
    /** Ids of the groups the user folded. */
    collapsed?: string[];
  }
  export interface Result {
    layout: DiagramLayout;
    /** The picture, drawn by the same renderer as the CLI's SVG (the webview turns it into DOM). */
    svg: SvgElement;
    /** Light-theme styles for exported SVG and PNG files, which cannot use VS Code's theme variables. */
    exportStyle: string;
    /** Problems that did not stop the diagram, e.g. a snapshot that could not be read, naming the file. */
    warnings: string[];
    /** The snapshot drawn with the Terraform (the one named, else the one the workspace is compared with). */
    snapshotFile?: string;
  }
}
