import type { Rule } from './ruleTypes';
import { knownString } from './valueChecks';

/** Names of variables that hold secrets, and suffixes of names that only point at one. */
const secretName = /(?:password|passwd|secret|token|api_?key|private_?key|access_?key|client_?secret|connection_?string)/i;
const pointerName = /(?:_arn|_id|_ids|_name|_names|_path|_file|_length|_version|_ttl|_days|_enabled|_rotation|_kms_key|_key_id|_secret_name|_uri|_url)$/i;

export const variableSecretDefault: Rule = {
  id: 'CG-TF-SEC-001',
  name: 'SecretVariableDefault',
  title: 'Secret variables have no literal default',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: ['variable'],
  rationale: 'A password, token or key given as a variable default is committed with the code and used silently whenever nobody overrides it.',
  remediation: 'Remove the default, mark the variable `sensitive = true`, and pass the value from a secret store or the CI environment (`TF_VAR_…`). Rotate the committed value.',
  references: ['https://developer.hashicorp.com/terraform/tutorials/configuration-language/sensitive-variables'],
  tags: ['security', 'secrets'],
  example: {
    bad: 'variable "db_password" {\n  type    = string\n  default = "Northwind-2023!"\n}\n',
    good: 'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n',
  },
  check(r) {
    const name = r.address.slice('var.'.length);
    if (!secretName.test(name) || pointerName.test(name)) return [];
    if (!r.isLiteral('default')) return [];
    const value = knownString(r.attribute('default'));
    if (value === undefined || value.trim() === '') return [];
    return [{ message: `Variable \`${name}\` has a plain-text default: remove it and pass the secret at apply time`, at: r, path: 'default' }];
  },
};

export const variableRules: Rule[] = [variableSecretDefault];
