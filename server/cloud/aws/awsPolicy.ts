/**
 * The IAM documents a user needs to grant Cartograph read access: the minimal read-only policy
 * (for every call, or only for the calls an import was denied) and the trust policy of a role that
 * Cartograph assumes with an ExternalId. All are returned as objects; `JSON.stringify(x, null, 2)`
 * gives the text to copy.
 */
import { randomBytes } from 'node:crypto';
import type { ImportGap } from '../../protocol/snapshot';
import { awsImportPermissions, awsSteps } from './awsSteps';

/** An IAM policy document. */
export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: {
    Sid?: string;
    Effect: 'Allow' | 'Deny';
    Action: string | string[];
    Resource?: string | string[];
    Principal?: { AWS: string | string[] };
    Condition?: Record<string, Record<string, string>>;
  }[];
}

/**
 * The read-only policy that fills the gaps of an import: the permissions of its denied calls. With
 * no gaps given, the policy for every call an import makes. Returns `undefined` when no gap was a
 * denied call (then no policy change helps). A refused AssumeRole is left out: it is fixed in the
 * role's trust policy (see `trustPolicy`), not in the role's permissions.
 */
export function minimalAwsPolicy(gaps?: readonly ImportGap[]): IamPolicyDocument | undefined {
  const actions =
    gaps === undefined
      ? awsImportPermissions()
      : [...new Set(gaps.filter((g) => g.provider === 'aws' && g.reason === 'denied' && g.permission.includes(':') && !g.permission.startsWith('sts:')).flatMap((g) => withFollowUps(g.permission)))].sort();
  if (actions.length === 0) return undefined;
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'CartographReadOnly', Effect: 'Allow', Action: actions, Resource: '*' }],
  };
}

/**
 * A denied step's permission, and those of the calls it makes once it may run (listing load
 * balancers leads to listing their listeners), so that one policy change fills the gap for good.
 */
function withFollowUps(permission: string): string[] {
  const step = awsSteps.find((s) => `${s.service}:${s.operation}` === permission);
  return [permission, ...(step?.followUps ?? []).map((f) => `${step?.service}:${f.operation}`)];
}

const accountIdPattern = /^\d{12}$/;
// IAM accepts 2 to 1,224 characters of letters, digits and `+=,.@:/-` in an ExternalId.
const externalIdPattern = /^[\w+=,.@:/-]{2,1224}$/;

/**
 * The trust policy of the role Cartograph assumes: principals of `trustedAccountId` (the account
 * whose credentials Cartograph starts from) may assume it, and only with `externalId`.
 */
export function trustPolicy(trustedAccountId: string, externalId: string): IamPolicyDocument {
  if (!accountIdPattern.test(trustedAccountId)) throw new Error(`'${trustedAccountId}' is not an AWS account id (12 digits).`);
  if (!externalIdPattern.test(externalId)) {
    throw new Error('An ExternalId must be 2 to 1,224 letters, digits or any of + = , . @ : / - _');
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CartographAssumeRole',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${trustedAccountId}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  };
}

/** A fresh, unguessable ExternalId for a new connection. */
export function newExternalId(): string {
  return `cartograph-${randomBytes(16).toString('hex')}`;
}
