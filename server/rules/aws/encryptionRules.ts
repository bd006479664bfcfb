import type { ResourceView, Rule, RuleViolation } from '../ruleTypes';
import { isNull, knownBool, knownString } from '../valueChecks';

export const kmsRotation: Rule = {
  id: 'CG-AWS-KMS-001',
  name: 'KmsKeyRotationDisabled',
  title: 'Customer-managed KMS keys rotate automatically',
  severity: 'warning',
  profiles: ['cmek', 'baseline'],
  appliesTo: ['aws_kms_key'],
  rationale: 'Automatic rotation limits how much data one key version protects and is required by most frameworks (CIS AWS 3.6, PCI DSS 3.6.4). It is off by default.',
  remediation: 'Set `enable_key_rotation = true` (optionally `rotation_period_in_days`).',
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
  tags: ['security', 'encryption-at-rest', 'kms'],
  example: {
    bad: 'resource "aws_kms_key" "data" {\n  description = "Application data"\n}\n',
    good: 'resource "aws_kms_key" "data" {\n  description         = "Application data"\n  enable_key_rotation = true\n}\n',
  },
  check(r) {
    const spec = r.attribute('customer_master_key_spec');
    if (spec !== undefined && knownString(spec) !== 'SYMMETRIC_DEFAULT') return [];
    const fix = { title: 'Turn on key rotation', target: r, attribute: 'enable_key_rotation', hcl: 'true' };
    const rotation = r.attribute('enable_key_rotation');
    if (rotation === undefined) return [{ message: 'Key rotation is off (`enable_key_rotation` defaults to false)', at: r, fix }];
    return knownBool(rotation) === false ? [{ message: 'Key rotation is off', at: r, path: 'enable_key_rotation', fix }] : [];
  },
};

/** RDS instances and clusters restored from a snapshot or replicating another take its encryption. */
function inheritsEncryption(r: ResourceView): boolean {
  return ['replicate_source_db', 'snapshot_identifier', 'replication_source_identifier', 'global_cluster_identifier'].some((a) => !isNull(r.attribute(a)));
}

export const rdsEncryption: Rule = {
  id: 'CG-AWS-RDS-001',
  name: 'RdsStorageNotEncrypted',
  title: 'RDS databases encrypt their storage',
  severity: 'error',
  profiles: ['baseline', 'cmek'],
  appliesTo: ['aws_db_instance', 'aws_rds_cluster'],
  rationale: 'Unencrypted database storage, snapshots and backups can be read by anyone who obtains a copy of them; encryption cannot be turned on later without rebuilding the database.',
  remediation: 'Set `storage_encrypted = true` and `kms_key_id` to a customer-managed key (the change replaces the database: restore from an encrypted snapshot copy).',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
  tags: ['security', 'encryption-at-rest', 'database'],
  example: {
    bad: 'resource "aws_db_instance" "reports" {\n  engine            = "postgres"\n  instance_class    = "db.t4g.large"\n  storage_encrypted = false\n}\n',
    good: 'resource "aws_db_instance" "reports" {\n  engine            = "postgres"\n  instance_class    = "db.t4g.large"\n  storage_encrypted = true\n  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n',
  },
  check(r) {
    if (inheritsEncryption(r)) return [];
    const v = r.attribute('storage_encrypted');
    if (v === undefined) {
      // Aurora Serverless v1 clusters are always encrypted.
      if (knownString(r.attribute('engine_mode')) === 'serverless') return [];
      return [{ message: 'Storage is not encrypted (`storage_encrypted` defaults to false)', at: r }];
    }
    return knownBool(v) === false ? [{ message: 'Storage is not encrypted at rest (`storage_encrypted = false`)', at: r, path: 'storage_encrypted' }] : [];
  },
};

export const rdsCmek: Rule = {
  id: 'CG-AWS-RDS-002',
  name: 'RdsWithoutCustomerManagedKey',
  title: 'RDS databases are encrypted with a customer-managed key',
  severity: 'warning',
  profiles: ['cmek'],
  appliesTo: ['aws_db_instance', 'aws_rds_cluster'],
  rationale: 'With the AWS-managed `aws/rds` key you cannot restrict who may use the key, audit it separately, or revoke access to the data by disabling the key.',
  remediation: 'Set `kms_key_id` to the ARN of a customer-managed `aws_kms_key` with rotation on.',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.Keys.html'],
  tags: ['security', 'encryption-at-rest', 'kms', 'database'],
  example: {
    bad: 'resource "aws_db_instance" "app" {\n  engine            = "postgres"\n  instance_class    = "db.t4g.large"\n  storage_encrypted = true\n}\n',
    good: 'resource "aws_db_instance" "app" {\n  engine            = "postgres"\n  instance_class    = "db.t4g.large"\n  storage_encrypted = true\n  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n',
  },
  check(r) {
    if (inheritsEncryption(r) || knownBool(r.attribute('storage_encrypted')) !== true) return [];
    return r.attribute('kms_key_id') === undefined
      ? [{ message: 'Storage is encrypted with the AWS-managed key: set `kms_key_id` to a customer-managed key', at: r, path: 'storage_encrypted' }]
      : [];
  },
};

/** EBS volumes: standalone, and the block devices of instances and launch templates. */
function ebsVolumes(r: ResourceView): ResourceView[] {
  switch (r.type) {
    case 'aws_ebs_volume':
      return [r];
    case 'aws_instance':
      return [...r.blocks('root_block_device'), ...r.blocks('ebs_block_device')];
    case 'aws_launch_template':
      return r.blocks('block_device_mappings').flatMap((m) => m.blocks('ebs'));
    default:
      return [];
  }
}

export const ebsEncryption: Rule = {
  id: 'CG-AWS-EBS-001',
  name: 'EbsVolumeNotEncrypted',
  title: 'EBS volumes are encrypted',
  severity: 'error',
  profiles: ['baseline', 'cmek'],
  appliesTo: ['aws_ebs_volume', 'aws_instance', 'aws_launch_template'],
  rationale: 'Unencrypted volumes and their snapshots expose their data to anyone who can copy or share a snapshot.',
  remediation: 'Set `encrypted = true` with a customer-managed `kms_key_id` (and turn on EBS encryption by default for the account).',
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  tags: ['security', 'encryption-at-rest'],
  example: {
    bad: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  size              = 100\n}\n',
    good: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  size              = 100\n  encrypted         = true\n  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n',
  },
  check(r) {
    const out: RuleViolation[] = [];
    for (const v of ebsVolumes(r)) {
      const encrypted = v.attribute('encrypted');
      // Volumes created from a snapshot take its encryption.
      if (!isNull(v.attribute('snapshot_id'))) continue;
      if (encrypted === undefined) out.push({ message: 'The volume is not encrypted (`encrypted` defaults to false)', at: v, fix: { title: 'Encrypt the volume', target: v, attribute: 'encrypted', hcl: 'true' } });
      else if (knownBool(encrypted) === false) out.push({ message: 'The volume is not encrypted (`encrypted = false`)', at: v, path: 'encrypted' });
    }
    return out;
  },
};

export const ebsCmek: Rule = {
  id: 'CG-AWS-EBS-002',
  name: 'EbsVolumeWithoutCustomerManagedKey',
  title: 'EBS volumes are encrypted with a customer-managed key',
  severity: 'warning',
  profiles: ['cmek'],
  appliesTo: ['aws_ebs_volume', 'aws_instance', 'aws_launch_template'],
  rationale: 'Volumes encrypted with the AWS-managed `aws/ebs` key cannot be shared across accounts or revoked by disabling the key.',
  remediation: 'Set `kms_key_id` to a customer-managed key.',
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  tags: ['security', 'encryption-at-rest', 'kms'],
  example: {
    bad: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  size              = 100\n  encrypted         = true\n}\n',
    good: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  size              = 100\n  encrypted         = true\n  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n',
  },
  check(r) {
    return ebsVolumes(r)
      .filter((v) => knownBool(v.attribute('encrypted')) === true && v.attribute('kms_key_id') === undefined)
      .map((v) => ({ message: 'The volume is encrypted with the AWS-managed key: set `kms_key_id` to a customer-managed key', at: v, path: 'encrypted' }));
  },
};

export const s3SseKms: Rule = {
  id: 'CG-AWS-S3-001',
  name: 'S3EncryptionWithoutCustomerManagedKey',
  title: 'S3 default encryption uses a customer-managed KMS key',
  severity: 'warning',
  profiles: ['cmek'],
  appliesTo: ['aws_s3_bucket_server_side_encryption_configuration'],
  rationale: 'SSE-S3 (`AES256`) and the AWS-managed `aws/s3` key give no control over who may decrypt objects; a customer-managed key adds a second, auditable permission.',
  remediation: 'Set `sse_algorithm = "aws:kms"` and `kms_master_key_id` to a customer-managed key.',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'],
  tags: ['security', 'encryption-at-rest', 'kms', 's3'],
  example: {
    bad: 'resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {\n  bucket = "example-logs"\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}\n',
    good: 'resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {\n  bucket = "example-logs"\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n    }\n  }\n}\n',
  },
  check(r) {
    const out: RuleViolation[] = [];
    for (const rule of r.blocks('rule')) {
      for (const d of rule.blocks('apply_server_side_encryption_by_default')) {
        const algorithm = knownString(d.attribute('sse_algorithm'));
        if (algorithm === undefined) continue;
        if (algorithm === 'AES256') out.push({ message: 'Objects are encrypted with S3-managed keys (`AES256`): use `aws:kms` with a customer-managed key', at: d, path: 'sse_algorithm' });
        else if (d.attribute('kms_master_key_id') === undefined) out.push({ message: 'No `kms_master_key_id`: objects are encrypted with the AWS-managed `aws/s3` key', at: d, path: 'sse_algorithm' });
      }
    }
    return out;
  },
};

export const s3BucketEncryption: Rule = {
  id: 'CG-AWS-S3-002',
  name: 'S3BucketWithoutKmsEncryption',
  title: 'S3 buckets have a KMS default-encryption configuration',
  severity: 'warning',
  profiles: ['cmek'],
  appliesTo: ['aws_s3_bucket'],
  rationale: 'A bucket with no encryption configuration falls back to SSE-S3, which no key policy controls.',
  remediation: 'Add an `aws_s3_bucket_server_side_encryption_configuration` for the bucket with `sse_algorithm = "aws:kms"` and a customer-managed `kms_master_key_id`.',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html'],
  tags: ['security', 'encryption-at-rest', 'kms', 's3'],
  example: {
    bad: 'resource "aws_s3_bucket" "reports" {\n  bucket = "example-reports"\n}\n',
    good: 'resource "aws_s3_bucket" "reports" {\n  bucket = "example-reports"\n}\n\nresource "aws_s3_bucket_server_side_encryption_configuration" "reports" {\n  bucket = aws_s3_bucket.reports.id\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n    }\n  }\n}\n',
  },
  check(r, context) {
    if (r.blocks('server_side_encryption_configuration').length > 0) return [];
    const configured = context.resourcesOfType('aws_s3_bucket_server_side_encryption_configuration').some((c) => c.refersTo('bucket', r));
    if (configured) return [];
    // A configuration written with a computed bucket name may well be this bucket's: stay silent.
    if (context.resourcesOfType('aws_s3_bucket_server_side_encryption_configuration').some((c) => knownString(c.attribute('bucket')) === undefined && c.referenced('bucket') === undefined)) return [];
    return [{ message: 'No server-side encryption configuration refers to this bucket: objects fall back to S3-managed keys', at: r }];
  },
};

/** A rule for services whose customer-managed key is one attribute that is absent otherwise. */
function keyAttributeRule(spec: { id: string; name: string; service: string; types: string[]; attribute: string; reference: string; bad: string; good: string }): Rule {
  return {
    id: spec.id,
    name: spec.name,
    title: `${spec.service} is encrypted with a customer-managed key`,
    severity: 'warning',
    profiles: ['cmek'],
    appliesTo: spec.types,
    rationale: `Without \`${spec.attribute}\`, ${spec.service} data is encrypted with an AWS-owned or AWS-managed key, which no key policy of yours controls and which you cannot disable to revoke access.`,
    remediation: `Set \`${spec.attribute}\` to the ARN of a customer-managed \`aws_kms_key\` with rotation on.`,
    references: [spec.reference],
    tags: ['security', 'encryption-at-rest', 'kms'],
    example: { bad: spec.bad, good: spec.good },
    check(r) {
      return r.attribute(spec.attribute) === undefined ? [{ message: `${spec.service} is not encrypted with a customer-managed key: set \`${spec.attribute}\``, at: r }] : [];
    },
  };
}

const exampleKey = '"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"';

export const sqsCmek = keyAttributeRule({
  id: 'CG-AWS-SQS-001', name: 'SqsQueueWithoutCustomerManagedKey', service: 'The SQS queue', types: ['aws_sqs_queue'], attribute: 'kms_master_key_id',
  reference: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
  bad: 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
  good: `resource "aws_sqs_queue" "jobs" {\n  name              = "jobs"\n  kms_master_key_id = ${exampleKey}\n}\n`,
});

export const snsCmek = keyAttributeRule({
  id: 'CG-AWS-SNS-001', name: 'SnsTopicWithoutCustomerManagedKey', service: 'The SNS topic', types: ['aws_sns_topic'], attribute: 'kms_master_key_id',
  reference: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
  bad: 'resource "aws_sns_topic" "alerts" {\n  name = "alerts"\n}\n',
  good: `resource "aws_sns_topic" "alerts" {\n  name              = "alerts"\n  kms_master_key_id = ${exampleKey}\n}\n`,
});

export const logGroupCmek = keyAttributeRule({
  id: 'CG-AWS-LOGS-001', name: 'LogGroupWithoutCustomerManagedKey', service: 'The CloudWatch log group', types: ['aws_cloudwatch_log_group'], attribute: 'kms_key_id',
  reference: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
  bad: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "/northwind/app"\n  retention_in_days = 400\n}\n',
  good: `resource "aws_cloudwatch_log_group" "app" {\n  name              = "/northwind/app"\n  retention_in_days = 400\n  kms_key_id        = ${exampleKey}\n}\n`,
});

export const trailCmek = keyAttributeRule({
  id: 'CG-AWS-TRAIL-001', name: 'CloudTrailWithoutCustomerManagedKey', service: 'The CloudTrail trail', types: ['aws_cloudtrail'], attribute: 'kms_key_id',
  reference: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  bad: 'resource "aws_cloudtrail" "audit" {\n  name                       = "audit"\n  s3_bucket_name             = "example-audit"\n  enable_log_file_validation = true\n}\n',
  good: `resource "aws_cloudtrail" "audit" {\n  name                       = "audit"\n  s3_bucket_name             = "example-audit"\n  enable_log_file_validation = true\n  kms_key_id                 = ${exampleKey}\n}\n`,
});

export const secretCmek = keyAttributeRule({
  id: 'CG-AWS-SM-001', name: 'SecretWithoutCustomerManagedKey', service: 'The Secrets Manager secret', types: ['aws_secretsmanager_secret'], attribute: 'kms_key_id',
  reference: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
  bad: 'resource "aws_secretsmanager_secret" "api" {\n  name = "api"\n}\n',
  good: `resource "aws_secretsmanager_secret" "api" {\n  name       = "api"\n  kms_key_id = ${exampleKey}\n}\n`,
});

export const efsEncryption: Rule = {
  id: 'CG-AWS-EFS-001',
  name: 'EfsWithoutCustomerManagedKey',
  title: 'EFS file systems are encrypted with a customer-managed key',
  severity: 'warning',
  profiles: ['cmek', 'baseline'],
  appliesTo: ['aws_efs_file_system'],
  rationale: 'EFS encryption at rest can only be chosen when the file system is created; without a customer-managed key access to the data cannot be revoked separately.',
  remediation: 'Set `encrypted = true` and `kms_key_id` to a customer-managed key.',
  references: ['https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html'],
  tags: ['security', 'encryption-at-rest', 'kms'],
  example: {
    bad: 'resource "aws_efs_file_system" "shared" {\n  creation_token = "shared"\n}\n',
    good: `resource "aws_efs_file_system" "shared" {\n  creation_token = "shared"\n  encrypted      = true\n  kms_key_id     = ${exampleKey}\n}\n`,
  },
  check(r) {
    const encrypted = r.attribute('encrypted');
    if (encrypted === undefined) return [{ message: 'The file system is not encrypted (`encrypted` defaults to false)', at: r }];
    if (knownBool(encrypted) === false) return [{ message: 'The file system is not encrypted', at: r, path: 'encrypted' }];
    if (knownBool(encrypted) === true && r.attribute('kms_key_id') === undefined) return [{ message: 'The file system is encrypted with the AWS-managed key: set `kms_key_id`', at: r, path: 'encrypted' }];
    return [];
  },
};

export const dynamoCmek: Rule = {
  id: 'CG-AWS-DDB-001',
  name: 'DynamoDbWithoutCustomerManagedKey',
  title: 'DynamoDB tables are encrypted with a customer-managed key',
  severity: 'warning',
  profiles: ['cmek'],
  appliesTo: ['aws_dynamodb_table'],
  rationale: 'By default DynamoDB encrypts with an AWS-owned key that you can neither audit nor revoke.',
  remediation: 'Add `server_side_encryption { enabled = true, kms_key_arn = <customer-managed key> }`.',
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html'],
  tags: ['security', 'encryption-at-rest', 'kms'],
  example: {
    bad: 'resource "aws_dynamodb_table" "sessions" {\n  name     = "sessions"\n  hash_key = "id"\n}\n',
    good: `resource "aws_dynamodb_table" "sessions" {\n  name     = "sessions"\n  hash_key = "id"\n\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = ${exampleKey}\n  }\n}\n`,
  },
  check(r) {
    const sse = r.blocks('server_side_encryption');
    if (sse.length === 0) return [{ message: 'The table is encrypted with an AWS-owned key: add `server_side_encryption` with a customer-managed `kms_key_arn`', at: r }];
    return sse.flatMap((s) => {
      const enabled = knownBool(s.attribute('enabled'));
      if (enabled === false) return [{ message: 'Server-side encryption with KMS is off: the table uses an AWS-owned key', at: s, path: 'enabled' }];
      if (enabled === true && s.attribute('kms_key_arn') === undefined) return [{ message: 'No `kms_key_arn`: the table uses the AWS-managed key', at: s, path: 'enabled' }];
      return [];
    });
  },
};

export const awsEncryptionRules: Rule[] = [kmsRotation, rdsEncryption, rdsCmek, ebsEncryption, ebsCmek, s3SseKms, s3BucketEncryption, sqsCmek, snsCmek, logGroupCmek, trailCmek, secretCmek, efsEncryption, dynamoCmek];
