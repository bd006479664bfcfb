import { iamPolicyTypes, isDestructive, isServiceWildcard, policyStatements } from '../iamStatements';
import type { Rule, RuleViolation } from '../ruleTypes';

const appliesTo = [...iamPolicyTypes.filter((t) => t !== 'aws_iam_policy_document'), 'data.aws_iam_policy_document'];

function allowStatements(r: Parameters<Rule['check']>[0]) {
  return policyStatements(r).filter((s) => s.effect === 'Allow');
}

export const iamFullWildcard: Rule = {
  id: 'CG-AWS-IAM-001',
  name: 'IamPolicyAllowsAllActions',
  title: 'IAM policies do not allow every action',
  severity: 'error',
  profiles: ['least-privilege-iam'],
  appliesTo,
  rationale: '`"Action": "*"` in an Allow statement grants administrator rights over everything the resource part covers: creating users, deleting data, disabling logging.',
  remediation: 'List the actions the principal needs (IAM Access Analyzer can generate them from CloudTrail activity).',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  tags: ['security', 'iam', 'least-privilege'],
  example: {
    bad: 'resource "aws_iam_policy" "deploy" {\n  name = "deploy"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]\n  })\n}\n',
    good: 'resource "aws_iam_policy" "deploy" {\n  name = "deploy"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["ecs:UpdateService", "ecs:DescribeServices"], Resource = "*" }]\n  })\n}\n',
  },
  check(r) {
    return allowStatements(r)
      .filter((s) => s.actions.includes('*'))
      .map((s) => ({ message: 'This Allow statement grants every action (`*`): list the actions the principal needs', at: s.at, path: s.actionsPath }));
  },
};

export const iamServiceWildcard: Rule = {
  id: 'CG-AWS-IAM-002',
  name: 'IamPolicyAllowsServiceWildcard',
  title: 'IAM policies do not allow every action of a service',
  severity: 'warning',
  profiles: ['least-privilege-iam'],
  appliesTo,
  rationale: '`s3:*` or `kms:*` grants the destructive and administrative actions of the service along with the ones the workload uses, including those added to the service later.',
  remediation: 'Replace `service:*` with the specific actions needed.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  tags: ['security', 'iam', 'least-privilege'],
  example: {
    bad: 'data "aws_iam_policy_document" "app" {\n  statement {\n    actions   = ["s3:*"]\n    resources = ["arn:aws:s3:::example-exports/*"]\n  }\n}\n',
    good: 'data "aws_iam_policy_document" "app" {\n  statement {\n    actions   = ["s3:GetObject", "s3:PutObject"]\n    resources = ["arn:aws:s3:::example-exports/*"]\n  }\n}\n',
  },
  check(r) {
    const out: RuleViolation[] = [];
    for (const s of allowStatements(r)) {
      const wildcards = s.actions.filter(isServiceWildcard);
      if (wildcards.length > 0) out.push({ message: `This Allow statement grants every action of a service (${wildcards.map((a) => `\`${a}\``).join(', ')}): list the actions needed`, at: s.at, path: s.actionsPath });
    }
    return out;
  },
};

export const iamDestructive: Rule = {
  id: 'CG-AWS-IAM-003',
  name: 'IamPolicyAllowsDestructiveActions',
  title: 'IAM policies do not allow destructive actions broadly',
  severity: 'warning',
  profiles: ['least-privilege-iam'],
  appliesTo,
  rationale: 'Actions such as `s3:DeleteObject`, `s3:DeleteObjectVersion` and `kms:ScheduleKeyDeletion` destroy data or the keys that decrypt it; a compromised workload holding them can wipe backups and logs.',
  remediation: 'Remove destructive actions from workload roles; use S3 lifecycle rules for clean-up and keep key deletion with a break-glass administrator role. Where a deletion is needed, scope it to exact resource ARNs with conditions.',
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html'],
  tags: ['security', 'iam', 'least-privilege', 'data-loss'],
  example: {
    bad: 'resource "aws_iam_policy" "cleanup" {\n  name = "cleanup"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["s3:DeleteObject", "kms:ScheduleKeyDeletion"], Resource = "*" }]\n  })\n}\n',
    good: 'resource "aws_iam_policy" "cleanup" {\n  name = "cleanup"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Deny", Action = ["s3:DeleteObject", "kms:ScheduleKeyDeletion"], Resource = "*" }]\n  })\n}\n',
  },
  check(r) {
    const out: RuleViolation[] = [];
    for (const s of allowStatements(r)) {
      const destructive = s.actions.filter(isDestructive);
      if (destructive.length > 0) out.push({ message: `This Allow statement grants destructive actions: ${destructive.map((a) => `\`${a}\``).join(', ')}`, at: s.at, path: s.actionsPath });
    }
    return out;
  },
};

export const iamNotAction: Rule = {
  id: 'CG-AWS-IAM-004',
  name: 'IamPolicyAllowsNotAction',
  title: 'IAM policies do not combine Allow with NotAction',
  severity: 'warning',
  profiles: ['least-privilege-iam'],
  appliesTo,
  rationale: '`Allow` with `NotAction` grants every action except the listed ones, including every action AWS adds later.',
  remediation: 'Use `Action` with the list of actions needed; keep `NotAction` for Deny statements.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html'],
  tags: ['security', 'iam', 'least-privilege'],
  example: {
    bad: 'resource "aws_iam_policy" "broad" {\n  name = "broad"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", NotAction = "iam:*", Resource = "*" }]\n  })\n}\n',
    good: 'resource "aws_iam_policy" "broad" {\n  name = "broad"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Deny", NotAction = "iam:*", Resource = "*" }]\n  })\n}\n',
  },
  check(r) {
    return allowStatements(r)
      .filter((s) => s.notActions.length > 0)
      .map((s) => ({ message: 'This Allow statement uses `NotAction`: it grants every other action, including future ones', at: s.at, path: s.notActionsPath }));
  },
};

export const awsIamRules: Rule[] = [iamFullWildcard, iamServiceWildcard, iamDestructive, iamNotAction];
