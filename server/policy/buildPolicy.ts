/**
 * Merges the policy files of a workspace into one policy, and answers the questions every other
 * part asks of it: which roles a role inherits, and whether a rule's role list covers a role.
 */
import type { Located, Policy, PolicyFile, RoleDeclaration, TableRule } from './policyModel';
import { predeclaredRoles } from './policyModel';

/** Merges parsed policy files. The first declaration of a role wins; diagnostics report the others. */
export function buildPolicy(files: readonly PolicyFile[]): Policy {
  const roles = new Map<string, RoleDeclaration>();
  for (const name of predeclaredRoles) roles.set(name, { name, inherits: [] });
  const tables = new Map<string, TableRule[]>();
  let tenantKey: string | undefined;
  let crossTenantJoins: 'deny' | 'allow' = 'deny';
  for (const file of files) {
    for (const role of file.roles) {
      const existing = roles.get(role.name);
      if (!existing?.declared) roles.set(role.name, role);
    }
    for (const table of file.tables) {
      const list = tables.get(table.name.value) ?? [];
      list.push(table);
      tables.set(table.name.value, list);
    }
    tenantKey ??= file.tenantKey?.value;
    if (file.crossTenantJoins?.value === 'allow') crossTenantJoins = 'allow';
  }
  // A deny anywhere wins over an allow: the stricter rule is the safe reading of a conflict.
  if (files.some((f) => f.crossTenantJoins?.value === 'deny')) crossTenantJoins = 'deny';
  let broken: Policy['broken'];
  for (const file of files) {
    const error = file.findings.find((f) => f.code === 'CG-HCL-SYNTAX');
    if (error) {
      broken = { file: file.path, line: error.range.start.line + 1, message: error.message };
      break;
    }
  }
  return { files: [...files], roles, tables, tenantKey: tenantKey === '' ? undefined : tenantKey, crossTenantJoins, ...(broken ? { broken } : {}) };
}

/** The role and every role it inherits, directly or not (cycles are cut). */
export function roleClosure(policy: Policy, role: string): Set<string> {
  const seen = new Set<string>();
  const stack = [role];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const parent of policy.roles.get(name)?.inherits ?? []) stack.push(parent.value);
  }
  return seen;
}

/** Whether `role` is one of `list` or inherits one of them. */
export function roleCovered(policy: Policy, role: string, list: readonly Located<string>[] | undefined): boolean {
  if (!list || list.length === 0) return false;
  const closure = roleClosure(policy, role);
  return list.some((r) => closure.has(r.value));
}

/** Finds a role by name, ignoring case, as the CLI and the role picker accept it. */
export function findRole(policy: Policy, name: string): RoleDeclaration | undefined {
  return policy.roles.get(name) ?? [...policy.roles.values()].find((r) => r.name.toLowerCase() === name.toLowerCase());
}

/** The tenant key column of a table: the table's own setting, else the policy's. */
export function tenantKeyOf(policy: Policy, table: string): string | undefined {
  for (const rule of policy.tables.get(table) ?? []) {
    if (rule.tenantKey) return rule.tenantKey.value === '' ? undefined : rule.tenantKey.value;
  }
  return policy.tenantKey;
}
