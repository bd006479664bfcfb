import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, FindingSeverity } from '../protocol/findings';
import type { RuleFinding } from '../rules/runRules';

const severities: Record<FindingSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a rule diagnostic carries for its code actions (`Diagnostic.data`). */
export interface RuleDiagnosticData {
  address: string;
  blockLine: number;
  blockColumn: number;
  blockEndLine: number;
  docs: string;
  fix?: RuleFinding['fix'];
}

const isRuleFinding = (f: Finding): f is RuleFinding => typeof (f as RuleFinding).docs === 'string';

/** The LSP form of a finding; `source` is what editors show beside the message. Rule findings link their docs page. */
export function toDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: severities[finding.severity],
    code: finding.code,
    source: 'cartograph',
    message: finding.message,
  };
  if (isRuleFinding(finding)) {
    diagnostic.codeDescription = { href: finding.docs };
    const data: RuleDiagnosticData = { address: finding.address, blockLine: finding.blockLine, blockColumn: finding.blockColumn, blockEndLine: finding.blockEndLine, docs: finding.docs, ...(finding.fix ? { fix: finding.fix } : {}) };
    diagnostic.data = data;
  }
  return diagnostic;
}
