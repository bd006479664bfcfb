import type { FileFindings, FindingSeverity } from '../protocol/findings';

/** A SARIF 2.1.0 log, the shape GitHub code scanning and other SARIF viewers read. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: unknown[];
}

const levels: Record<FindingSeverity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** Describes each rule that can appear in a report, for the SARIF `tool.driver.rules` table. */
export interface RuleDescription {
  id: string;
  name: string;
  shortDescription: string;
  helpUri?: string;
  fullDescription?: string;
  help?: { text: string; markdown?: string };
  defaultLevel?: 'error' | 'warning' | 'note';
  tags?: string[];
}

/** The findings every scan can report besides the compliance rules. */
export const knownRules: Record<string, RuleDescription> = {
  'CG-HCL-SYNTAX': { id: 'CG-HCL-SYNTAX', name: 'HclSyntaxError', shortDescription: 'The file is not valid HCL.', defaultLevel: 'error' },
  'CG-TF-UNDECLARED': { id: 'CG-TF-UNDECLARED', name: 'UndeclaredReference', shortDescription: 'A reference names something the module does not declare.', defaultLevel: 'error' },
  'CG-TF-DUPLICATE': { id: 'CG-TF-DUPLICATE', name: 'DuplicateDeclaration', shortDescription: 'A name is declared twice in one module.', defaultLevel: 'error' },
  'CG-TF-TFVARS-UNKNOWN': { id: 'CG-TF-TFVARS-UNKNOWN', name: 'UnknownTfvarsVariable', shortDescription: 'A tfvars file assigns a variable no block declares.', defaultLevel: 'warning' },
  'CG-TF-UNKNOWN-FUNCTION': { id: 'CG-TF-UNKNOWN-FUNCTION', name: 'UnknownFunction', shortDescription: 'A call names a function Terraform does not have.', defaultLevel: 'error' },
};

/**
 * Writes findings as SARIF 2.1.0. Columns are 1-based and counted in UTF-16 code units, which the
 * run declares (`columnKind`), as code-scanning tools expect.
 */
export function toSarif(files: FileFindings[], version: string, rules: Record<string, RuleDescription> = knownRules): SarifLog {
  const used = new Set<string>();
  const results = files.flatMap(({ file, findings }) =>
    findings.map((f) => {
      used.add(f.code);
      return {
        ruleId: f.code,
        level: levels[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: f.range.start.line + 1,
                startColumn: f.range.start.character + 1,
                endLine: f.range.end.line + 1,
                endColumn: f.range.end.character + 1,
              },
            },
          },
        ],
      };
    }),
  );
  const ruleList = [...used].sort().map((id) => {
    const r = rules[id] ?? { id, name: id, shortDescription: id };
    return {
      id: r.id,
      name: r.name,
      shortDescription: { text: r.shortDescription },
      ...(r.fullDescription ? { fullDescription: { text: r.fullDescription } } : {}),
      ...(r.help ? { help: r.help } : {}),
      ...(r.helpUri ? { helpUri: r.helpUri } : {}),
      ...(r.defaultLevel ? { defaultConfiguration: { level: r.defaultLevel } } : {}),
      ...(r.tags ? { properties: { tags: r.tags } } : {}),
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Cartograph', version, rules: ruleList } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results,
      },
    ],
  };
}
