import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { RuleDiagnosticData } from '../convert';

/** The command that asks for a reason and inserts the suppression comment (the client's `cartograph.suppressFinding`). */
export const suppressCommand = 'cartograph.suppressFinding';

/**
 * Code actions for rule diagnostics: the rule's safe fix when it has one (preferred), and
 * "Suppress CG-… with a reason", which runs a client command that asks for the reason.
 */
export function ruleCodeActions(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'cartograph' || typeof d.code !== 'string' || !/^CG-(AWS|AZ|TF-SEC)-/.test(d.code)) continue;
    const data = d.data as RuleDiagnosticData | undefined;
    if (!data) continue;
    if (data.fix) {
      actions.push({ title: data.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: [data.fix.edit] } } });
    }
    actions.push({
      title: `Suppress ${d.code} with a reason…`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      command: { title: `Suppress ${d.code}`, command: suppressCommand, arguments: [{ uri, code: d.code, address: data.address, blockLine: data.blockLine, blockColumn: data.blockColumn }] },
    });
  }
  return actions;
}
