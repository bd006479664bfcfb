import { awsAuditRules } from './aws/auditRules';
import { awsEncryptionRules } from './aws/encryptionRules';
import { awsIamRules } from './aws/iamRules';
import { awsNetworkRules } from './aws/networkRules';
import { awsResidencyRules } from './aws/residencyRules';
import { awsSecretRules } from './aws/secretRules';
import { awsTransportRules } from './aws/transportRules';
import { azureAccessRules } from './azure/azureAccessRules';
import { azureDataRules } from './azure/azureDataRules';
import { azureTransportRules } from './azure/azureTransportRules';
import type { Rule } from './ruleTypes';
import { variableRules } from './variableRules';

/** Every compliance rule, sorted by ID. */
export const allRules: readonly Rule[] = [
  ...awsTransportRules,
  ...awsEncryptionRules,
  ...awsNetworkRules,
  ...awsResidencyRules,
  ...awsIamRules,
  ...awsAuditRules,
  ...awsSecretRules,
  ...azureTransportRules,
  ...azureDataRules,
  ...azureAccessRules,
  ...variableRules,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const byId = new Map(allRules.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** A rule's documentation page, relative to the repository (and extension) root. */
export function ruleDocsPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/**
 * A rule's documentation page as a URI: `base` is where the repository root is published (the
 * extension's install folder as a file URI in the editor, a web address for SARIF); without it the
 * relative path, which SARIF resolves against the checkout.
 */
export function ruleDocsUrl(id: string, base?: string): string {
  return base ? `${base.replace(/\/?$/, '/')}${ruleDocsPath(id)}` : ruleDocsPath(id);
}
