/**
 * The project's own diagnostic model. Analysis code (parsers, rules, the policy checker) returns
 * these; the LSP handlers and the CLI's writers (text, JSON, SARIF) convert them at the edge.
 * Positions are zero-based lines and UTF-16 columns, the units of LSP and of VS Code.
 */

/** A position in a text document: zero-based line and UTF-16 code-unit column. */
export interface TextPosition {
  line: number;
  character: number;
}

/** A half-open range in a text document. */
export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

/** How bad a finding is, from worst to mildest. */
export type FindingSeverity = 'error' | 'warning' | 'information' | 'hint';

/** One thing Cartograph has to say about a place in a file. */
export interface Finding {
  /** A stable identifier, e.g. `CG-HCL-SYNTAX` or a compliance rule ID. */
  code: string;
  severity: FindingSeverity;
  message: string;
  range: TextRange;
}

/** Findings for one file of a workspace, as the CLI reports them. */
export interface FileFindings {
  /** The file's path relative to the scanned folder, with forward slashes. */
  file: string;
  findings: Finding[];
}
