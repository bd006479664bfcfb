/**
 * The Azure role a user grants Cartograph: a custom role with only the read actions an import
 * needs (all of them, or only those of its denied calls). The built-in Reader role also works; this
 * one is narrower. Returned as an object; `JSON.stringify(x, null, 2)` gives the text for
 * `az role definition create --role-definition`.
 */
import type { ImportGap } from '../../protocol/snapshot';
import { azureSteps } from './azureSteps';

export interface AzureRoleDefinition {
  Name: string;
  IsCustom: true;
  Description: string;
  Actions: string[];
  NotActions: string[];
  AssignableScopes: string[];
}

/** Every role action an Azure import needs. */
export function azureImportActions(): string[] {
  return [...new Set(azureSteps.map((s) => s.permission))].sort();
}

/**
 * The custom role for the given subscriptions. With gaps, only the actions of their denied calls
 * (`undefined` when none was denied); without, every action an import needs.
 */
export function minimalAzureRole(subscriptions: readonly string[], gaps?: readonly ImportGap[]): AzureRoleDefinition | undefined {
  const actions =
    gaps === undefined
      ? azureImportActions()
      : [...new Set(gaps.filter((g) => g.provider === 'azure' && g.reason === 'denied' && g.permission.startsWith('Microsoft.')).map((g) => g.permission))].sort();
  if (actions.length === 0) return undefined;
  return {
    Name: 'Cartograph Network Reader',
    IsCustom: true,
    Description: 'Reads the network resources that Cartograph draws and checks. Read-only.',
    Actions: actions,
    NotActions: [],
    AssignableScopes: subscriptions.map((s) => `/subscriptions/${s}`),
  };
}
