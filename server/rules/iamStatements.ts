import type { Value } from '../terraform/values';
import type { ResourceView, ValuePath } from './ruleTypes';
import { knownString } from './valueChecks';

/** One statement of an IAM policy, with where its actions are written. */
export interface PolicyStatement {
  /** `Allow`, `Deny`, or undefined when it cannot be known. */
  effect: string | undefined;
  /** Known actions (unknown items left out), from `Action` or `actions`. */
  actions: string[];
  /** Known `NotAction` entries. */
  notActions: string[];
  at: ResourceView;
  actionsPath: ValuePath;
  notActionsPath: ValuePath;
}

const policyAttributes: Record<string, string> = {
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
};

/** Resource types whose statements the IAM rules read. */
export const iamPolicyTypes = [...Object.keys(policyAttributes), 'aws_iam_policy_document', 'aws_iam_role'];

function strings(v: Value | undefined): string[] {
  if (!v) return [];
  if (v.kind === 'string') return [v.value];
  if (v.kind === 'list') return v.items.flatMap((i) => (i.kind === 'string' ? [i.value] : []));
  return [];
}

/** Statements of a JSON policy document value (`Statement` is an object or a list). */
function jsonStatements(at: ResourceView, attribute: string, doc: Value): PolicyStatement[] {
  if (doc.kind !== 'object') return [];
  const s = doc.entries.Statement;
  if (!s) return [];
  const list = s.kind === 'list' ? s.items.map((v, i) => ({ v, path: [attribute, 'Statement', i] })) : [{ v: s, path: [attribute, 'Statement'] }];
  return list.flatMap(({ v, path }) => {
    if (v.kind !== 'object') return [];
    return [{
      effect: knownString(v.entries.Effect),
      actions: strings(v.entries.Action),
      notActions: strings(v.entries.NotAction),
      at,
      actionsPath: [...path, 'Action'],
      notActionsPath: [...path, 'NotAction'],
    }];
  });
}

/**
 * The statements of an identity policy: a JSON policy (`jsonencode(…)` or a JSON string) on the IAM
 * policy resources and inline role policies, or the `statement` blocks of `aws_iam_policy_document`.
 */
export function policyStatements(resource: ResourceView): PolicyStatement[] {
  if (resource.type === 'aws_iam_policy_document' && resource.kind === 'data') {
    return resource.blocks('statement').map((s) => {
      const effect = s.attribute('effect');
      return {
        effect: effect === undefined ? 'Allow' : knownString(effect),
        actions: strings(s.attribute('actions')),
        notActions: strings(s.attribute('not_actions')),
        at: s,
        actionsPath: ['actions'],
        notActionsPath: ['not_actions'],
      };
    });
  }
  if (resource.type === 'aws_iam_role') {
    return resource.blocks('inline_policy').flatMap((p) => {
      const doc = p.json('policy');
      return doc ? jsonStatements(p, 'policy', doc) : [];
    });
  }
  const attribute = policyAttributes[resource.type];
  if (!attribute || resource.kind !== 'resource') return [];
  const doc = resource.json(attribute);
  return doc ? jsonStatements(resource, attribute, doc) : [];
}

/** Actions that destroy data or keys, or take away the means to recover them. */
export const destructiveActions = [
  's3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteBucket', 's3:PutLifecycleConfiguration', 's3:PutBucketObjectLockConfiguration',
  'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:DeleteImportedKeyMaterial',
  'rds:DeleteDBInstance', 'rds:DeleteDBCluster', 'rds:DeleteDBSnapshot', 'dynamodb:DeleteTable', 'ec2:DeleteSnapshot', 'ec2:DeleteVolume',
  'backup:DeleteRecoveryPoint', 'backup:DeleteBackupVault', 'logs:DeleteLogGroup', 'cloudtrail:DeleteTrail', 'cloudtrail:StopLogging',
  'iam:DeleteRole', 'iam:DeleteUser', 'secretsmanager:DeleteSecret',
];

const destructiveLower = new Set(destructiveActions.map((a) => a.toLowerCase()));

export function isDestructive(action: string): boolean {
  return destructiveLower.has(action.toLowerCase());
}

/** `s3:*` and the like: every action of a service. */
export function isServiceWildcard(action: string): boolean {
  return /^[a-z0-9-]+:\*$/i.test(action);
}
