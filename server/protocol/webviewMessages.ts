/**
 * Messages between the extension and its diagram webview, in both directions. The webview renders
 * what it is sent and posts these back; it never sees the VS Code API. Types only.
 */
import type { InventoryBlock } from './customMessages';

/** Extension → webview: the content to render, replacing whatever was shown. */
export interface ShowInventoryMessage {
  type: 'showInventory';
  /** The workspace's top-level Terraform blocks; every string in them is untrusted text. */
  blocks: InventoryBlock[];
  /** Folder-relative labels for the blocks' URIs, keyed by URI. */
  fileLabels: Record<string, string>;
}

/** Extension → webview: the inventory could not be built; `message` says why. */
export interface ShowErrorMessage {
  type: 'showError';
  message: string;
}

export type ToWebviewMessage = ShowInventoryMessage | ShowErrorMessage;

/** Webview → extension: the webview's script has started and can receive content. */
export interface ReadyMessage {
  type: 'ready';
}

/** Webview → extension: open the block's source at its declaration. */
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

export type FromWebviewMessage = ReadyMessage | RevealMessage | RefreshMessage;
