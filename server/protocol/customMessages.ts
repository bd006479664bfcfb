/**
 * Cartograph's own LSP requests and notifications, shared by the server (which answers them) and
 * the VS Code client (which sends them). Types only: nothing here runs.
 */
import type { TextRange } from './findings';

/** A top-level Terraform block as the inventory lists it. */
export interface InventoryBlock {
  /** `resource`, `data`, `module`, `variable`, `output`, `provider`, `locals`, `terraform`… */
  kind: string;
  labels: string[];
  /** The file's URI. */
  uri: string;
  selectionRange: TextRange;
}

/**
 * `cartograph/workspaceInventory`: every top-level block of every Terraform file in the workspace
 * folders, open documents as they are in the editor (unsaved edits included), in a stable order.
 */
export namespace WorkspaceInventoryRequest {
  export const method = 'cartograph/workspaceInventory';
  export type Params = Record<string, never>;
  export interface Result {
    blocks: InventoryBlock[];
    /** Files that could not be read, with why. */
    skipped: { uri: string; reason: string }[];
  }
}
