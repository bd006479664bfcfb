import type { Rule, RuleViolation } from '../ruleTypes';
import { listKinds, secretsIn } from '../secretText';
import { knownString } from '../valueChecks';

export const userDataSecrets: Rule = {
  id: 'CG-AWS-SEC-001',
  name: 'SecretInUserData',
  title: 'No secrets in EC2 user data',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
  rationale: 'User data is readable by anyone with `ec2:DescribeInstanceAttribute`, from inside the instance through the metadata service, and is kept in Terraform state: keys and passwords written there leak.',
  remediation: 'Give the instance an IAM instance profile instead of access keys, and read other secrets at boot from Secrets Manager or SSM Parameter Store. Rotate any key that was written in user data.',
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html'],
  tags: ['security', 'secrets'],
  example: {
    bad: 'resource "aws_instance" "worker" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  user_data     = <<-EOF\n    #!/bin/bash\n    export DB_PASSWORD=hunter2hunter2\n  EOF\n}\n',
    good: 'resource "aws_instance" "worker" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  user_data     = <<-EOF\n    #!/bin/bash\n    export DB_PASSWORD_ARN=arn:aws:secretsmanager:eu-west-1:111122223333:secret:db\n  EOF\n}\n',
  },
  check(r) {
    const out: RuleViolation[] = [];
    for (const name of ['user_data', 'user_data_base64']) {
      const text = r.text(name);
      if (text === undefined) continue;
      let decoded = text;
      if (name === 'user_data_base64' && /^[A-Za-z0-9+/=\s]+$/.test(text)) decoded = Buffer.from(text, 'base64').toString('utf8');
      const kinds = secretsIn(decoded);
      if (kinds.length > 0) out.push({ message: `\`${name}\` holds ${listKinds(kinds)}: use an instance profile and a secret store instead`, at: r, path: name });
    }
    return out;
  },
};

/** Arguments that hold a database or cache credential, per resource type. */
const passwordArguments: Record<string, string[]> = {
  aws_db_instance: ['password'],
  aws_rds_cluster: ['master_password'],
  aws_redshift_cluster: ['master_password'],
  aws_docdb_cluster: ['master_password'],
  aws_neptune_cluster: ['master_password'],
  aws_elasticache_replication_group: ['auth_token'],
  aws_opensearch_domain: [],
  aws_mq_broker: [],
};

export const plaintextPassword: Rule = {
  id: 'CG-AWS-SEC-002',
  name: 'PlaintextDatabasePassword',
  title: 'No database passwords written in the configuration',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: Object.keys(passwordArguments).filter((t) => passwordArguments[t].length > 0),
  rationale: 'A password written as a literal is in version control, in every clone and in CI logs, and cannot be rotated without a commit.',
  remediation: 'Use `manage_master_user_password = true` (RDS manages the secret in Secrets Manager), or read the password from a secret store with an ephemeral resource or a data source.',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html'],
  tags: ['security', 'secrets'],
  example: {
    bad: 'resource "aws_db_instance" "app" {\n  engine            = "postgres"\n  instance_class    = "db.t4g.large"\n  storage_encrypted = true\n  username          = "app"\n  password          = "Sup3r-Secret-2024"\n}\n',
    good: 'resource "aws_db_instance" "app" {\n  engine                      = "postgres"\n  instance_class              = "db.t4g.large"\n  storage_encrypted           = true\n  username                    = "app"\n  manage_master_user_password = true\n}\n',
  },
  check(r) {
    return (passwordArguments[r.type] ?? [])
      .filter((name) => r.isLiteral(name) && (knownString(r.attribute(name)) ?? '') !== '')
      .map((name) => ({ message: `\`${name}\` is written in plain text: manage it in a secret store`, at: r, path: name }));
  },
};

export const providerKeys: Rule = {
  id: 'CG-AWS-SEC-003',
  name: 'AwsProviderStaticKeys',
  title: 'No AWS access keys in provider configurations',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: ['provider.aws'],
  rationale: 'Keys written into a provider block are committed with the code and usually belong to a long-lived, powerful user.',
  remediation: 'Remove `access_key` and `secret_key`; use the standard credential chain (environment, SSO profile, instance or OIDC role). Rotate the committed key.',
  references: ['https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration'],
  tags: ['security', 'secrets'],
  example: {
    bad: 'provider "aws" {\n  region     = "eu-west-1"\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}\n',
    good: 'provider "aws" {\n  region  = "eu-west-1"\n  profile = "northwind-prod"\n}\n',
  },
  check(r) {
    return ['access_key', 'secret_key', 'token']
      .filter((name) => r.isLiteral(name) && (knownString(r.attribute(name)) ?? '') !== '')
      .map((name) => ({ message: `\`${name}\` is written in the provider configuration: use the standard credential chain`, at: r, path: name }));
  },
};

export const awsSecretRules: Rule[] = [userDataSecrets, plaintextPassword, providerKeys];
