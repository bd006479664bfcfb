/**
 * Messages between the extension and its diagram webview, in both directions. The webview renders
 * what it is sent and posts these back; it never sees the VS Code API. Types only.
 */
import type { DiagramLayout, DiagramView } from '../diagram/diagramModel';
import type { SvgElement } from '../diagram/svgTree';

/** Extension → webview: a laid-out diagram to render, replacing whatever was shown. */
export interface ShowDiagramMessage {
  type: 'showDiagram';
  /** Every string in it is untrusted text (cloud names, tags, file content). */
  layout: DiagramLayout;
  /** The picture as an SVG tree: tags, attributes and text, turned into DOM without markup parsing. */
  svg: SvgElement;
  /** Light-theme styles for exported files, which cannot use VS Code's theme variables. */
  exportStyle: string;
  view: DiagramView;
  /** The snapshot shown with the Terraform, by file name, when there is one. */
  snapshotLabel?: string;
  /** Problems worth showing above the diagram (a snapshot that could not be read). */
  warnings: string[];
}

/** Extension → webview: no diagram could be built; `message` says why and what to do. */
export interface ShowErrorMessage {
  type: 'showError';
  message: string;
}

/**
 * Extension → webview: select and centre the element with this id or Terraform address ("Show in
 * Diagram" from a code lens); an instance address (`aws_instance.app[0]`) also finds its block's node.
 */
export interface SelectElementMessage {
  type: 'select';
  id: string;
}

export type ToWebviewMessage = ShowDiagramMessage | ShowErrorMessage | SelectElementMessage;

/** Webview → extension: the webview's script has started and can receive content. */
export interface ReadyMessage {
  type: 'ready';
}

/** Webview → extension: open the Terraform source at a declaration ("Go to definition"). */
export interface RevealMessage {
  type: 'reveal';
  uri: string;
  line: number;
  character: number;
}

/** Webview → extension: the user asked for fresh content. */
export interface RefreshMessage {
  type: 'refresh';
}

/** Webview → extension: switch between the infrastructure and security-group views. */
export interface SetViewMessage {
  type: 'setView';
  view: DiagramView;
}

/** Webview → extension: fold or unfold a group (the server lays the diagram out again). */
export interface ToggleGroupMessage {
  type: 'toggleGroup';
  id: string;
}

/** Webview → extension: pick a snapshot file to show with the Terraform ("Open snapshot…"). */
export interface OpenSnapshotMessage {
  type: 'openSnapshot';
}

/** Webview → extension: stop showing the snapshot. */
export interface CloseSnapshotMessage {
  type: 'closeSnapshot';
}

/** Webview → extension: save the picture; `data` is SVG text, or a PNG as a base64 data URL. */
export interface ExportImageMessage {
  type: 'exportImage';
  format: 'svg' | 'png';
  data: string;
}

export type FromWebviewMessage = ReadyMessage | RevealMessage | RefreshMessage | SetViewMessage | ToggleGroupMessage | OpenSnapshotMessage | CloseSnapshotMessage | ExportImageMessage;
