import { normaliseRegion } from '../regions';
import type { ResourceView, Rule, RuleContext, RuleViolation } from '../ruleTypes';
import { knownString } from '../valueChecks';

function allowed(region: string, context: RuleContext): boolean {
  return context.settings.allowedRegions.has(normaliseRegion(region));
}

function allowedList(context: RuleContext): string {
  const list = [...context.settings.allowedRegions].sort();
  return list.length > 8 ? `${list.slice(0, 8).join(', ')}, …` : list.join(', ');
}

export const providerRegion: Rule = {
  id: 'CG-AWS-RES-001',
  name: 'AwsRegionOutsideResidency',
  title: 'AWS resources live in the allowed regions',
  severity: 'error',
  profiles: ['eu-residency'],
  appliesTo: ['provider.aws', 'aws_*'],
  rationale: 'Data residency commitments (GDPR transfers, customer contracts) name where data may be stored and processed; a provider configuration or resource in another region moves everything it creates there.',
  remediation: 'Set the provider\'s (or resource\'s) `region` to one of the allowed regions (`cartograph.allowedRegions`, `--allowed-regions`).',
  references: ['https://docs.aws.amazon.com/whitepapers/latest/navigating-gdpr-compliance/data-residency.html'],
  tags: ['compliance', 'residency'],
  example: {
    bad: 'provider "aws" {\n  region = "us-east-1"\n}\n',
    good: 'provider "aws" {\n  region = "eu-west-1"\n}\n',
  },
  check(r, context) {
    // Resources are checked only when they name their own region; otherwise their provider is.
    if (r.kind === 'resource' && r.attribute('region') === undefined) return [];
    const region = knownString(r.attribute('region'));
    if (region === undefined || allowed(region, context)) return [];
    return [{ message: `Region \`${region}\` is not in the allowed regions (${allowedList(context)})`, at: r, path: 'region' }];
  },
};

/** Backup copies and replicas, and where their destination is decided. */
function replicaDestinations(r: ResourceView): { region: string | undefined; at: ResourceView; path?: string; what: string }[] {
  switch (r.type) {
    case 'aws_db_instance_automated_backups_replication':
      return [{ region: knownString(r.region()), at: r, what: 'The automated-backup copy' }];
    case 'aws_dynamodb_table':
      return r.blocks('replica').map((rep) => ({ region: knownString(rep.attribute('region_name')), at: rep, path: 'region_name', what: 'The table replica' }));
    case 'aws_s3_bucket_replication_configuration':
      return r.blocks('rule').flatMap((rule) =>
        rule.blocks('destination').map((d) => {
          const bucket = d.referenced('bucket');
          return { region: bucket ? knownString(bucket.region()) : undefined, at: d, path: 'bucket', what: 'The replication destination bucket' };
        }),
      );
    case 'aws_db_instance':
      return r.attribute('replicate_source_db') === undefined ? [] : [{ region: knownString(r.region()), at: r, path: 'replicate_source_db', what: 'The read replica' }];
    default:
      return [];
  }
}

const replicaTypes = ['aws_db_instance_automated_backups_replication', 'aws_dynamodb_table', 'aws_s3_bucket_replication_configuration', 'aws_db_instance'];

export const replicaRegion: Rule = {
  id: 'CG-AWS-RES-002',
  name: 'AwsReplicaOutsideResidency',
  title: 'Backups and replicas stay in the allowed regions',
  severity: 'error',
  profiles: ['eu-residency'],
  appliesTo: replicaTypes,
  rationale: 'Backup copies, read replicas and replication destinations hold the same data as their source; a copy outside the residency list breaks the commitment as surely as the primary would.',
  remediation: 'Send backup copies and replicas to another allowed region (its provider configuration\'s `region`, `region_name`, or the destination bucket\'s region).',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html'],
  tags: ['compliance', 'residency', 'backup'],
  example: {
    bad: 'resource "aws_dynamodb_table" "sessions" {\n  name     = "sessions"\n  hash_key = "id"\n\n  replica {\n    region_name = "us-east-1"\n  }\n}\n',
    good: 'resource "aws_dynamodb_table" "sessions" {\n  name     = "sessions"\n  hash_key = "id"\n\n  replica {\n    region_name = "eu-central-1"\n  }\n}\n',
  },
  check(r, context) {
    const out: RuleViolation[] = [];
    for (const d of replicaDestinations(r)) {
      if (d.region === undefined || allowed(d.region, context)) continue;
      out.push({ message: `${d.what} is in \`${d.region}\`, which is not in the allowed regions (${allowedList(context)})`, at: d.at, path: d.path });
    }
    return out;
  },
};

export const backupSameRegion: Rule = {
  id: 'CG-AWS-RES-003',
  name: 'BackupCopyInSourceRegion',
  title: 'Backup copies go to a different region than their source',
  severity: 'warning',
  profiles: ['eu-residency'],
  appliesTo: ['aws_db_instance_automated_backups_replication'],
  rationale: 'A backup copy in the source\'s own region does not survive the loss of that region, which is what the copy is for.',
  remediation: 'Create the replication with a provider configuration for a second allowed region.',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html'],
  tags: ['resilience', 'residency', 'backup'],
  example: {
    bad: 'provider "aws" {\n  region = "eu-west-1"\n}\n\nresource "aws_db_instance" "main" {\n  engine            = "postgres"\n  instance_class    = "db.t4g.large"\n  storage_encrypted = true\n}\n\nresource "aws_db_instance_automated_backups_replication" "main" {\n  source_db_instance_arn = aws_db_instance.main.arn\n}\n',
    good: 'provider "aws" {\n  region = "eu-west-1"\n}\n\nprovider "aws" {\n  alias  = "backup"\n  region = "eu-central-1"\n}\n\nresource "aws_db_instance" "main" {\n  engine            = "postgres"\n  instance_class    = "db.t4g.large"\n  storage_encrypted = true\n}\n\nresource "aws_db_instance_automated_backups_replication" "main" {\n  provider               = aws.backup\n  source_db_instance_arn = aws_db_instance.main.arn\n}\n',
  },
  check(r) {
    const source = r.referenced('source_db_instance_arn');
    if (!source) return [];
    const here = knownString(r.region());
    const there = knownString(source.region());
    if (here === undefined || there === undefined || here !== there) return [];
    return [{ message: `Backups of \`${source.address}\` are copied within their own region (\`${here}\`): copy them to a second allowed region`, at: r, path: 'source_db_instance_arn' }];
  },
};

export const awsResidencyRules: Rule[] = [providerRegion, replicaRegion, backupSameRegion];
