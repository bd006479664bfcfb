/**
 * How a rule is matched to what it looks at, for every source of resource views: Terraform
 * (`runRules.ts`) and live snapshots (`liveFindings.ts`) share it, so that a live resource is
 * checked by exactly the rules its Terraform declaration would be.
 */
import type { ResourceView, Rule } from './ruleTypes';

/** The key rules are selected by: a resource type, `data.TYPE`, `provider.NAME` or `variable`. */
export function ruleSelector(view: Pick<ResourceView, 'kind' | 'type'>): string {
  switch (view.kind) {
    case 'data':
      return `data.${view.type}`;
    case 'provider':
      return `provider.${view.type}`;
    case 'variable':
      return 'variable';
    default:
      return view.type;
  }
}

/** True when one of the rule's `appliesTo` patterns matches the key; `aws_*` matches resource types only. */
export function ruleApplies(rule: Pick<Rule, 'appliesTo'>, key: string): boolean {
  return rule.appliesTo.some((pattern) => (pattern.endsWith('*') ? key.startsWith(pattern.slice(0, -1)) && !key.includes('.') : pattern === key));
}
