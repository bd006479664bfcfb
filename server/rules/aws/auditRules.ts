import type { ResourceView, Rule, RuleContext } from '../ruleTypes';
import { knownBool, knownNumber, knownString } from '../valueChecks';

const auditName = /audit|cloudtrail|trail-logs|access-logs/i;

/** A bucket holds audit logs when a trail or an access-logging configuration writes to it, or its name says so. */
function isAuditBucket(bucket: ResourceView, context: RuleContext): boolean {
  if (context.resourcesOfType('aws_cloudtrail').some((t) => t.refersTo('s3_bucket_name', bucket))) return true;
  if (context.resourcesOfType('aws_s3_bucket_logging').some((l) => l.refersTo('target_bucket', bucket))) return true;
  const name = knownString(bucket.attribute('bucket'));
  return name !== undefined && auditName.test(name);
}

function lockConfigurations(bucket: ResourceView, context: RuleContext): ResourceView[] {
  return context.resourcesOfType('aws_s3_bucket_object_lock_configuration').filter((c) => c.refersTo('bucket', bucket));
}

export const auditObjectLock: Rule = {
  id: 'CG-AWS-AUD-001',
  name: 'AuditBucketWithoutObjectLock',
  title: 'Audit-log buckets have S3 Object Lock',
  severity: 'error',
  profiles: ['audit-retention'],
  appliesTo: ['aws_s3_bucket'],
  rationale: 'Without Object Lock anyone who gains write access to the bucket can delete or overwrite the logs that would show what they did.',
  remediation: 'Create the bucket with `object_lock_enabled = true` and add an `aws_s3_bucket_object_lock_configuration` in `COMPLIANCE` mode (Object Lock can only be turned on for new buckets, or through AWS Support).',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html'],
  tags: ['compliance', 'audit', 'retention', 's3'],
  example: {
    bad: 'resource "aws_s3_bucket" "audit" {\n  bucket = "example-audit-logs"\n}\n',
    good: 'resource "aws_s3_bucket" "audit" {\n  bucket              = "example-audit-logs"\n  object_lock_enabled = true\n}\n\nresource "aws_s3_bucket_object_lock_configuration" "audit" {\n  bucket = aws_s3_bucket.audit.id\n\n  rule {\n    default_retention {\n      mode = "COMPLIANCE"\n      days = 2555\n    }\n  }\n}\n',
  },
  check(r, context) {
    if (!isAuditBucket(r, context)) return [];
    const enabled = r.attribute('object_lock_enabled');
    const legacy = r.blocks('object_lock_configuration').some((c) => knownString(c.attribute('object_lock_enabled')) === 'Enabled');
    if (legacy || knownBool(enabled) === true) return [];
    if (enabled !== undefined && knownBool(enabled) === undefined) return [];
    return [{ message: 'This bucket receives audit logs but has no Object Lock: logs can be deleted or overwritten', at: r, path: enabled === undefined ? undefined : 'object_lock_enabled' }];
  },
};

export const auditRetention: Rule = {
  id: 'CG-AWS-AUD-002',
  name: 'AuditBucketRetentionTooShort',
  title: 'Audit-log buckets retain objects long enough',
  severity: 'warning',
  profiles: ['audit-retention'],
  appliesTo: ['aws_s3_bucket_object_lock_configuration', 'aws_s3_bucket'],
  rationale: 'Investigations and audits reach back a year or more (ISO 27001, SOC 2, PCI DSS require at least one year of audit history); a shorter lock lets logs be deleted before anyone looks at them.',
  remediation: 'Set `default_retention { mode = "COMPLIANCE", days = 365 }` or longer (the minimum is the `auditRetentionDays` option, 365 by default).',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html'],
  tags: ['compliance', 'audit', 'retention', 's3'],
  example: {
    bad: 'resource "aws_s3_bucket_object_lock_configuration" "audit" {\n  bucket = "example-audit-logs"\n\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 30\n    }\n  }\n}\n',
    good: 'resource "aws_s3_bucket_object_lock_configuration" "audit" {\n  bucket = "example-audit-logs"\n\n  rule {\n    default_retention {\n      mode  = "COMPLIANCE"\n      years = 7\n    }\n  }\n}\n',
  },
  check(r, context) {
    const minimum = context.settings.auditRetentionDays;
    if (r.type === 'aws_s3_bucket') {
      // An audit bucket with Object Lock but no default retention locks nothing by itself.
      if (!isAuditBucket(r, context) || knownBool(r.attribute('object_lock_enabled')) !== true) return [];
      if (lockConfigurations(r, context).length > 0) return [];
      if (context.resourcesOfType('aws_s3_bucket_object_lock_configuration').some((c) => c.referenced('bucket') === undefined && knownString(c.attribute('bucket')) === undefined)) return [];
      return [{ message: 'Object Lock is on but no default retention applies to this audit bucket', at: r, path: 'object_lock_enabled' }];
    }
    return r.blocks('rule').flatMap((rule) =>
      rule.blocks('default_retention').flatMap((d) => {
        const days = knownNumber(d.attribute('days'));
        const years = knownNumber(d.attribute('years'));
        const total = days ?? (years === undefined ? undefined : years * 365);
        if (total === undefined || total >= minimum) return [];
        return [{ message: `Objects are locked for ${total} days, less than the ${minimum} days audit logs must be kept`, at: d, path: days !== undefined ? 'days' : 'years' }];
      }),
    );
  },
};

export const auditLogGroupRetention: Rule = {
  id: 'CG-AWS-AUD-003',
  name: 'AuditLogGroupRetentionTooShort',
  title: 'Audit log groups are kept long enough',
  severity: 'warning',
  profiles: ['audit-retention'],
  appliesTo: ['aws_cloudwatch_log_group'],
  rationale: 'CloudTrail and audit log groups with a short retention lose the history an investigation needs.',
  remediation: 'Set `retention_in_days` to at least the audit retention (365 by default), or 0 to keep logs forever.',
  references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention'],
  tags: ['compliance', 'audit', 'retention'],
  example: {
    bad: 'resource "aws_cloudwatch_log_group" "trail" {\n  name              = "/aws/cloudtrail/audit"\n  retention_in_days = 30\n}\n',
    good: 'resource "aws_cloudwatch_log_group" "trail" {\n  name              = "/aws/cloudtrail/audit"\n  retention_in_days = 400\n}\n',
  },
  check(r, context) {
    const name = knownString(r.attribute('name'));
    const feedsTrail = context.resourcesOfType('aws_cloudtrail').some((t) => t.refersTo('cloud_watch_logs_group_arn', r));
    if (!feedsTrail && (name === undefined || !auditName.test(name))) return [];
    const days = knownNumber(r.attribute('retention_in_days'));
    if (days === undefined || days === 0 || days >= context.settings.auditRetentionDays) return [];
    return [{ message: `Audit logs are kept for ${days} days, less than the ${context.settings.auditRetentionDays} days required`, at: r, path: 'retention_in_days' }];
  },
};

export const trailValidation: Rule = {
  id: 'CG-AWS-AUD-004',
  name: 'CloudTrailLogValidationOff',
  title: 'CloudTrail validates its log files',
  severity: 'warning',
  profiles: ['audit-retention', 'baseline'],
  appliesTo: ['aws_cloudtrail'],
  rationale: 'Log file validation writes signed digests, which prove that delivered logs were not changed or deleted afterwards.',
  remediation: 'Set `enable_log_file_validation = true`.',
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html'],
  tags: ['compliance', 'audit', 'integrity'],
  example: {
    bad: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = "example-audit"\n  kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n',
    good: 'resource "aws_cloudtrail" "audit" {\n  name                       = "audit"\n  s3_bucket_name             = "example-audit"\n  kms_key_id                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n  enable_log_file_validation = true\n}\n',
  },
  check(r) {
    const v = r.attribute('enable_log_file_validation');
    const fix = { title: 'Turn on log file validation', target: r, attribute: 'enable_log_file_validation', hcl: 'true' };
    if (v === undefined) return [{ message: 'Log file validation is off (`enable_log_file_validation` defaults to false)', at: r, fix }];
    return knownBool(v) === false ? [{ message: 'Log file validation is off', at: r, path: 'enable_log_file_validation', fix }] : [];
  },
};

export const awsAuditRules: Rule[] = [auditObjectLock, auditRetention, auditLogGroupRetention, trailValidation];
