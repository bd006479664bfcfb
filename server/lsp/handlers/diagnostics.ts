import type { Connection } from 'vscode-languageserver';
import type { ParsedDocument } from '../documentStore';
import { syntaxErrors } from '../../terraform/syntaxErrors';
import { toDiagnostic } from '../convert';
import type { Finding } from '../../protocol/findings';

/** The findings of one open document, from its current parse. */
export function documentFindings(entry: ParsedDocument): Finding[] {
  if (!entry.tree) return [];
  return syntaxErrors(entry.tree);
}

/** Publishes a document's diagnostics, tagged with the version they describe. */
export function publishDiagnostics(connection: Connection, entry: ParsedDocument): void {
  void connection.sendDiagnostics({
    uri: entry.document.uri,
    version: entry.document.version,
    diagnostics: documentFindings(entry).map(toDiagnostic),
  });
}
