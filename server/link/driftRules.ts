/** SARIF descriptions of the drift findings, for `toSarif`'s rule table. */
import type { RuleDescription } from '../report/sarif';
import { driftCodes } from './drift';

export const driftRuleDescriptions: Record<string, RuleDescription> = {
  [driftCodes.attribute]: { id: driftCodes.attribute, name: 'AttributeDrift', shortDescription: 'A live attribute differs from the value the code declares.', defaultLevel: 'warning', tags: ['drift'] },
  [driftCodes.ruleAdded]: { id: driftCodes.ruleAdded, name: 'SecurityRuleAddedLive', shortDescription: 'A live security-group rule that no code declares (added in the console or by another tool).', defaultLevel: 'warning', tags: ['drift', 'security'] },
  [driftCodes.ruleRemoved]: { id: driftCodes.ruleRemoved, name: 'SecurityRuleRemovedLive', shortDescription: 'A declared security-group rule that the live group does not have.', defaultLevel: 'warning', tags: ['drift', 'security'] },
  [driftCodes.missing]: { id: driftCodes.missing, name: 'DeclaredResourceNotLive', shortDescription: 'A declared resource with no live match in the snapshot.', defaultLevel: 'warning', tags: ['drift'] },
  [driftCodes.unmanaged]: { id: driftCodes.unmanaged, name: 'UnmanagedLiveResource', shortDescription: 'A live resource in a managed network that no code declares.', defaultLevel: 'warning', tags: ['drift'] },
};
