import type { RuleDescription } from '../report/sarif';
import { allRules, ruleDocsUrl } from './allRules';
import type { Rule } from './ruleTypes';

/**
 * A rule as SARIF's `reportingDescriptor` describes it. It extends the report's own
 * `RuleDescription`, so `toSarif(files, version, sarifRuleDescriptions())` accepts it; the extra
 * fields appear in the log once `toSarif` copies them (see the wiring notes).
 */
export interface SarifRuleDescription extends RuleDescription {
  fullDescription: string;
  /** Plain text and Markdown help: rationale and remediation. */
  help: { text: string; markdown: string };
  defaultLevel: 'error' | 'warning' | 'note';
  tags: string[];
}

function describe(rule: Rule, docsBase?: string): SarifRuleDescription {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: rule.title,
    helpUri: ruleDocsUrl(rule.id, docsBase),
    fullDescription: rule.rationale,
    help: {
      text: `${rule.rationale}\n\nRemediation: ${rule.remediation}`,
      markdown: `${rule.rationale}\n\n**Remediation.** ${rule.remediation}`,
    },
    defaultLevel: rule.severity === 'error' ? 'error' : rule.severity === 'warning' ? 'warning' : 'note',
    tags: [...rule.tags, ...rule.profiles.map((p) => `profile:${p}`)],
  };
}

/** Every rule's SARIF description, keyed by ID, for `toSarif`'s `rules` argument. */
export function sarifRuleDescriptions(docsBase?: string): Record<string, SarifRuleDescription> {
  return Object.fromEntries(allRules.map((r) => [r.id, describe(r, docsBase)]));
}
