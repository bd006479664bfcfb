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
  ...dataPolicyRules([
    ['CG-POLICY-SHAPE', 'PolicyShape', 'A policy block or attribute the format does not have, or a value of the wrong type.', 'error'],
    ['CG-POLICY-UNKNOWN-TABLE', 'PolicyUnknownTable', 'A policy names a table no CREATE TABLE declares.', 'error'],
    ['CG-POLICY-UNKNOWN-COLUMN', 'PolicyUnknownColumn', 'A mask, filter or tenant key names a column the table does not have.', 'error'],
    ['CG-POLICY-UNKNOWN-ROLE', 'PolicyUnknownRole', 'A role list names an undeclared role.', 'error'],
    ['CG-POLICY-UNKNOWN-PLACEHOLDER', 'PolicyUnknownPlaceholder', 'A row filter uses a placeholder that is not a session attribute.', 'error'],
    ['CG-POLICY-UNKNOWN-MASK', 'PolicyUnknownMask', 'A mask function other than redact, partial(N), hash or null.', 'error'],
    ['CG-POLICY-MASK-CONFLICT', 'PolicyMaskConflict', 'Two masks on one column.', 'error'],
    ['CG-POLICY-FILTER-SYNTAX', 'PolicyFilterSyntax', 'A row filter that does not parse as a SQL condition.', 'error'],
    ['CG-POLICY-FILTER-UNSAFE', 'PolicyFilterUnsafe', "A row filter with a subquery, another table's column or an unknown function.", 'error'],
    ['CG-POLICY-DUPLICATE-ROLE', 'PolicyDuplicateRole', 'A role declared twice.', 'error'],
    ['CG-POLICY-ROLE-CYCLE', 'PolicyRoleCycle', 'A role that inherits itself.', 'error'],
    ['CG-POLICY-ROLE-SEES-NOTHING', 'PolicyRoleSeesNothing', "A role that no table's readers let in.", 'warning'],
    ['CG-SQL-SYNTAX', 'SqlSyntax', 'A SQL statement that does not parse.', 'error'],
    ['CG-SQL-CROSS-TENANT', 'SqlCrossTenantJoin', 'A join that can mix the rows of two tenants.', 'error'],
    ['CG-SQL-REFUSED', 'SqlRefused', 'A statement the policy rewriter cannot prove safe, so it is never run.', 'error'],
    ['CG-SQL-PII', 'SqlPersonalData', 'An e-mail address, SSN, card number or phone number written into a query.', 'warning'],
  ]),
};

/** The rule table entries of the data-policy diagnostics, documented in docs/policy-format.md. */
function dataPolicyRules(rows: [string, string, string, 'error' | 'warning'][]): Record<string, RuleDescription> {
  return Object.fromEntries(rows.map(([id, name, shortDescription, defaultLevel]) => [id, { id, name, shortDescription, defaultLevel, tags: ['data-policy'] }]));
}

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
