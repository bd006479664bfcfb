import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, FindingSeverity } from '../protocol/findings';

const severities: Record<FindingSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The LSP form of a finding; `source` is what editors show beside the message. */
export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: severities[finding.severity],
    code: finding.code,
    source: 'cartograph',
    message: finding.message,
  };
}
