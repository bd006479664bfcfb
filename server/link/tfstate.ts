/**
 * Reads Terraform's local state (`terraform.tfstate`, format version 4) for what linking needs: the
 * address of every managed resource instance and the id Terraform recorded for it. Attribute
 * values are kept only for the hover (never secrets: `sensitive_attributes` paths are dropped).
 */
import { describeJson } from '../report/describeJson';

/** One managed resource instance as the state records it. */
export interface StateInstance {
  /** `aws_subnet.main_public[0]`, `module.exports.aws_s3_bucket.this`, `aws_vpc_security_group_ingress_rule.x["203.0.113.0/24"]`. */
  address: string;
  /** `''` for the root module, else `module.exports` (nested: `module.a.module.b`). */
  module: string;
  type: string;
  name: string;
  /** The `count` index or `for_each` key; absent for a single instance. */
  indexKey?: number | string;
  /** The resource's id (`attributes.id`); absent when the state has none. */
  id?: string;
  /** The ARN, when the resource has one: load balancers, listeners and databases are ARNs in snapshots. */
  arn?: string;
}

/** The parts of a state file that linking reads. */
export interface TerraformState {
  /** The file it came from, for messages. */
  file: string;
  terraformVersion?: string;
  serial?: number;
  /**
   * The root module (folder URI) the state belongs to. When set, only that module's instances are
   * linked through it; a workspace with several root modules has one state each.
   */
  rootModuleUri?: string;
  instances: StateInstance[];
}

/** The address of an instance: module path, type, name and the index key in Terraform's syntax. */
export function instanceAddress(module: string, type: string, name: string, indexKey?: number | string): string {
  const key = indexKey === undefined ? '' : typeof indexKey === 'number' ? `[${indexKey}]` : `[${JSON.stringify(indexKey)}]`;
  return `${module ? `${module}.` : ''}${type}.${name}${key}`;
}

/**
 * Parses a state file's text. Throws an error naming the file when it is not JSON or not version 4
 * (the only version Terraform 0.12 and later write), so the user knows which file to refresh.
 */
export function parseTerraformState(text: string, file: string): TerraformState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file} is not a Terraform state file (expected a JSON object).`);
  const state = data as { version?: unknown; terraform_version?: unknown; serial?: unknown; resources?: unknown };
  if (state.version !== 4) {
    throw new Error(`${file} is a version ${describeJson(state.version)} Terraform state; Cartograph reads version 4 (Terraform 0.12 and later). Run \`terraform refresh\` with a current Terraform to upgrade it.`);
  }
  if (state.resources !== undefined && !Array.isArray(state.resources)) throw new Error(`${file}: "resources" is not a list.`);
  const instances: StateInstance[] = [];
  for (const resource of (state.resources ?? []) as unknown[]) {
    if (!resource || typeof resource !== 'object') continue;
    const r = resource as { mode?: unknown; type?: unknown; name?: unknown; module?: unknown; instances?: unknown };
    if (r.mode !== 'managed' || typeof r.type !== 'string' || typeof r.name !== 'string' || !Array.isArray(r.instances)) continue;
    const module = typeof r.module === 'string' ? r.module : '';
    for (const instance of r.instances as unknown[]) {
      if (!instance || typeof instance !== 'object') continue;
      const i = instance as { index_key?: unknown; attributes?: unknown };
      const indexKey = typeof i.index_key === 'number' || typeof i.index_key === 'string' ? i.index_key : undefined;
      const attributes = i.attributes && typeof i.attributes === 'object' ? (i.attributes as Record<string, unknown>) : {};
      instances.push({
        address: instanceAddress(module, r.type, r.name, indexKey),
        module,
        type: r.type,
        name: r.name,
        ...(indexKey !== undefined ? { indexKey } : {}),
        ...(typeof attributes.id === 'string' ? { id: attributes.id } : {}),
        ...(typeof attributes.arn === 'string' ? { arn: attributes.arn } : {}),
      });
    }
  }
  return {
    file,
    ...(typeof state.terraform_version === 'string' ? { terraformVersion: state.terraform_version } : {}),
    ...(typeof state.serial === 'number' ? { serial: state.serial } : {}),
    instances,
  };
}
