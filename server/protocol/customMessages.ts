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

/** The result of verifying the audit log's hash chain (see docs/audit-log.md). */
export type AuditVerification =
  | { file: string; ok: true; entries: number; lastSeq: number; lastHash: string }
  | { file: string; ok: false; entries: number; brokenAt: { line: number; seq?: number }; reason: string; message: string }
  | { file: string; ok: false; missing: true; message: string };

/** `cartograph/auditVerify`: verifies the audit log the server writes to. */
export namespace AuditVerifyRequest {
  export const method = 'cartograph/auditVerify';
  export type Params = Record<string, never>;
  export type Result = AuditVerification;
}

/** `cartograph/auditShow`: the audit log as readable lines, one per entry. */
export namespace AuditShowRequest {
  export const method = 'cartograph/auditShow';
  export type Params = Record<string, never>;
  export interface Result {
    file: string;
    text: string;
  }
}

/** Options the VS Code client passes in `initialize`: where the audit log lives, and who the user is. */
export interface CartographInitializationOptions {
  /** The audit log file, in the extension's global storage. */
  auditLogPath?: string;
  /** `vscode.env.machineId`, recorded as the actor of audit entries. */
  machineId?: string;
  /** The extension's global storage folder; cloud snapshots are kept under `snapshots/` in it. */
  storagePath?: string;
  /** The compliance profiles and allowed regions in force when the server starts. */
  compliance?: ComplianceSettings;
  /** Where rule findings link their documentation: the installed extension's folder, as a file URI. */
  docsBase?: string;
  /**
   * The live comparison in force when the server starts: the `cartograph.snapshot`,
   * `cartograph.statePath` and `cartograph.drift.severity` settings, as `workspace/didChangeConfiguration`
   * later sends them (`{ snapshot, statePath, drift: { severity } }`).
   */
  live?: { snapshot?: string; statePath?: string; drift?: { severity?: string } };
  /** The policy preview's session when the server starts; `cartograph/setPreviewSession` changes it later. */
  preview?: PreviewSessionSettings;
}

/**
 * `cartograph/showSnapshot` (client → server notification): compare the workspace with this snapshot
 * file (after an import, or "Open snapshot…" in the diagram) instead of the `cartograph.snapshot`
 * setting; `null` compares with none, and an absent `file` goes back to the setting.
 */
export namespace ShowSnapshotNotification {
  export const method = 'cartograph/showSnapshot';
  export interface Params {
    file?: string | null;
  }
}

/**
 * `cartograph/liveChanged` (server → client notification): the snapshot in force or what it links
 * to changed (a setting, a chosen or rewritten snapshot file): diagrams should be drawn again.
 */
export namespace LiveChangedNotification {
  export const method = 'cartograph/liveChanged';
  export interface Params {
    /** The snapshot file now in force, absent for none. */
    file?: string;
  }
}

/**
 * `cartograph/liveStatus`: the snapshot the workspace is compared with and what the comparison
 * found, for the status bar and the diagram's title.
 */
export namespace LiveStatusRequest {
  export const method = 'cartograph/liveStatus';
  export type Params = Record<string, never>;
  export interface Result {
    /** The snapshot file, absolute; absent when none is in force. */
    file?: string;
    importedAt?: string;
    links: number;
    drift: number;
    /** Why the snapshot could not be read, naming the file. */
    problem?: string;
  }
}

/** The data-policy preview session the user picked in the status bar. */
export interface PreviewSessionSettings {
  role?: string;
  /** Session attributes: `org_id`, `user_id`, `agent_id`, `agent_framework`, `department`, `region`, or `kind`. */
  attributes: Record<string, string>;
}

/** `cartograph/setPreviewSession` (client → server notification): the role and attributes SQL files are checked and previewed with. */
export namespace SetPreviewSessionNotification {
  export const method = 'cartograph/setPreviewSession';
  export type Params = PreviewSessionSettings;
}

/** `cartograph/policyRoles`: the roles of the policy a SQL file is previewed against. */
export namespace PolicyRolesRequest {
  export const method = 'cartograph/policyRoles';
  export interface Params {
    uri: string;
  }
  export interface Result {
    roles: { name: string; description?: string; kinds?: string[] }[];
    /** The policy files found, for the picker to say where the roles come from. */
    policyFiles: string[];
  }
}

/** `cartograph/policyPreview`: a SQL file (or one statement of it) as the session's role runs it. */
export namespace PolicyPreviewRequest {
  export const method = 'cartograph/policyPreview';
  export interface Params {
    uri: string;
    /** Zero-based index of the statement to preview; every statement when absent. */
    statement?: number;
  }
  export interface Result {
    role: string;
    /** The preview as readable text: rewritten SQL, the filters and masks applied, the rows. */
    text: string;
    statements: { original: string; rewritten: string | null; refused: { reason: string; code: string } | null; rows?: Record<string, unknown>[] }[];
  }
}

/** Compliance settings the client sends (`cartograph.profiles`, `cartograph.allowedRegions`). */
export interface ComplianceSettings {
  profiles: string[];
  allowedRegions: string[];
}

/**
 * `cartograph/suppressionEdit`: the comment that suppresses a rule finding, for the client to apply
 * after asking the user for the reason; the server records the suppression in the audit log.
 */
export namespace SuppressionEditRequest {
  export const method = 'cartograph/suppressionEdit';
  export interface Params {
    uri: string;
    code: string;
    address: string;
    blockLine: number;
    blockColumn: number;
    reason: string;
    /** `YYYY-MM-DD`: the suppression stops suppressing after this day. */
    expires?: string;
  }
  export interface Result {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }
}

/**
 * `cartograph/serverInfo`: the server's version, process id and memory, for bug reports and the
 * output channel. When the server runs with `node --expose-gc`, garbage is collected before memory
 * is measured, so the figures are what the server really holds rather than when V8 last collected.
 */
export namespace ServerInfoRequest {
  export const method = 'cartograph/serverInfo';
  export type Params = Record<string, never>;
  export interface Result {
    version: string;
    pid: number;
    memory: {
      /** Resident set size, in bytes. */
      rss: number;
      /** The JavaScript heap in use, in bytes. */
      heapUsed: number;
      /** Memory outside the JavaScript heap (WebAssembly memories of the parsers and PGlite, buffers), in bytes. */
      external: number;
      /** Whether garbage was collected just before measuring. */
      afterCollection: boolean;
    };
    /** The Terraform index: files held, and how many of them are unpacked (read by a feature since they were indexed). */
    terraformIndex?: {
      files: number;
      unpacked: number;
    };
  }
}
