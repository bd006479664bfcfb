import { adminPorts, allPortsViolations, awsWorldIngress, databasePorts, exposedPortViolations } from '../networkExposure';
import type { ResourceView, Rule } from '../ruleTypes';
import { knownBool, knownString } from '../valueChecks';

const sgTypes = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'];

export const sgAdminPorts: Rule = {
  id: 'CG-AWS-SG-001',
  name: 'SecurityGroupAdminPortOpenToWorld',
  title: 'No SSH or RDP from the internet',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: sgTypes,
  rationale: 'SSH and RDP open to 0.0.0.0/0 or ::/0 are scanned and brute-forced within minutes of exposure; one weak or leaked credential gives an attacker a shell.',
  remediation: 'Allow the port only from known address ranges or another security group, or use AWS Systems Manager Session Manager instead of SSH.',
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13'],
  tags: ['security', 'network', 'security-group'],
  example: {
    bad: 'resource "aws_security_group_rule" "ssh" {\n  type              = "ingress"\n  security_group_id = "sg-0123456789abcdef0"\n  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n',
    good: 'resource "aws_security_group_rule" "ssh" {\n  type              = "ingress"\n  security_group_id = "sg-0123456789abcdef0"\n  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  cidr_blocks       = ["198.51.100.0/24"]\n}\n',
  },
  check(r) {
    return exposedPortViolations(awsWorldIngress(r), adminPorts, 'allow it only from known address ranges');
  },
};

export const sgDatabasePorts: Rule = {
  id: 'CG-AWS-SG-002',
  name: 'SecurityGroupDatabasePortOpenToWorld',
  title: 'No database ports from the internet',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: sgTypes,
  rationale: 'Database ports (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, MongoDB 27017, Redis 6379, Elasticsearch 9200) open to the world expose data stores to credential stuffing and unauthenticated exploits.',
  remediation: 'Allow database ports only from the application\'s security group or from known address ranges.',
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19'],
  tags: ['security', 'network', 'security-group', 'database'],
  example: {
    bad: 'resource "aws_vpc_security_group_ingress_rule" "postgres" {\n  security_group_id = "sg-0123456789abcdef0"\n  ip_protocol       = "tcp"\n  from_port         = 5432\n  to_port           = 5432\n  cidr_ipv4         = "0.0.0.0/0"\n}\n',
    good: 'resource "aws_vpc_security_group_ingress_rule" "postgres" {\n  security_group_id = "sg-0123456789abcdef0"\n  ip_protocol       = "tcp"\n  from_port         = 5432\n  to_port           = 5432\n  cidr_ipv4         = "10.20.0.0/16"\n}\n',
  },
  check(r) {
    return exposedPortViolations(awsWorldIngress(r), databasePorts, 'allow it only from the application tier or known address ranges');
  },
};

export const sgAllPorts: Rule = {
  id: 'CG-AWS-SG-003',
  name: 'SecurityGroupAllPortsOpenToWorld',
  title: 'No rule opens every port to the internet',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: sgTypes,
  rationale: 'A rule with protocol `-1` (or ports 0–65535) from 0.0.0.0/0 or ::/0 exposes every service on the instances, including ones nobody meant to publish.',
  remediation: 'Replace it with rules for the specific ports the service needs, from known address ranges.',
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18'],
  tags: ['security', 'network', 'security-group'],
  example: {
    bad: 'resource "aws_security_group" "vendor" {\n  name = "vendor"\n\n  ingress {\n    from_port        = 0\n    to_port          = 0\n    protocol         = "-1"\n    ipv6_cidr_blocks = ["::/0"]\n  }\n}\n',
    good: 'resource "aws_security_group" "vendor" {\n  name = "vendor"\n\n  ingress {\n    from_port        = 443\n    to_port          = 443\n    protocol         = "tcp"\n    ipv6_cidr_blocks = ["2001:db8::/32"]\n  }\n}\n',
  },
  check(r) {
    return allPortsViolations(awsWorldIngress(r));
  },
};

export const rdsPublic: Rule = {
  id: 'CG-AWS-RDS-003',
  name: 'DatabasePubliclyAccessible',
  title: 'Databases are not publicly accessible',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: ['aws_db_instance', 'aws_rds_cluster_instance', 'aws_redshift_cluster', 'aws_dms_replication_instance'],
  rationale: '`publicly_accessible = true` gives the database a public DNS name and address; only its security group then stands between the data and the internet.',
  remediation: 'Set `publicly_accessible = false` and reach the database from inside the VPC (a bastion, VPN or PrivateLink for outside tools).',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding'],
  tags: ['security', 'network', 'database', 'public-exposure'],
  example: {
    bad: 'resource "aws_db_instance" "reports" {\n  engine              = "postgres"\n  instance_class      = "db.t4g.large"\n  storage_encrypted   = true\n  publicly_accessible = true\n}\n',
    good: 'resource "aws_db_instance" "reports" {\n  engine              = "postgres"\n  instance_class      = "db.t4g.large"\n  storage_encrypted   = true\n  publicly_accessible = false\n}\n',
  },
  check(r) {
    return knownBool(r.attribute('publicly_accessible')) === true
      ? [{ message: 'The database is publicly accessible: it gets a public address reachable from the internet', at: r, path: 'publicly_accessible', fix: { title: 'Make the database private', target: r, attribute: 'publicly_accessible', hcl: 'false' } }]
      : [];
  },
};

/** True when a route table sends 0.0.0.0/0 or ::/0 to an internet gateway. */
function routesToInternet(table: ResourceView, gateways: ResourceView[]): boolean {
  return table.blocks('route').some((route) => {
    const cidr = knownString(route.attribute('cidr_block')) ?? knownString(route.attribute('ipv6_cidr_block'));
    if (cidr !== '0.0.0.0/0' && cidr !== '::/0') return false;
    const gateway = knownString(route.attribute('gateway_id'));
    return gateway?.startsWith('igw-') === true || gateways.some((g) => route.refersTo('gateway_id', g));
  });
}

export const dataInPublicSubnets: Rule = {
  id: 'CG-AWS-RDS-004',
  name: 'DatabaseInPublicSubnets',
  title: 'Databases live in private subnets',
  severity: 'warning',
  profiles: ['baseline'],
  appliesTo: ['aws_db_instance'],
  rationale: 'A database whose subnet group holds public subnets (routed to an internet gateway, or assigning public addresses) is one setting away from the internet; data tiers belong in subnets without an internet route.',
  remediation: 'Use a DB subnet group of private subnets, whose route tables send no 0.0.0.0/0 traffic to an internet gateway.',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html'],
  tags: ['security', 'network', 'database', 'public-exposure'],
  example: {
    bad: 'resource "aws_internet_gateway" "main" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\n\nresource "aws_subnet" "public" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.0.0.0/24"\n}\n\nresource "aws_route_table" "public" {\n  vpc_id = "vpc-0123456789abcdef0"\n\n  route {\n    cidr_block = "0.0.0.0/0"\n    gateway_id = aws_internet_gateway.main.id\n  }\n}\n\nresource "aws_route_table_association" "public" {\n  subnet_id      = aws_subnet.public.id\n  route_table_id = aws_route_table.public.id\n}\n\nresource "aws_db_subnet_group" "db" {\n  subnet_ids = [aws_subnet.public.id]\n}\n\nresource "aws_db_instance" "db" {\n  engine               = "postgres"\n  instance_class       = "db.t4g.large"\n  storage_encrypted    = true\n  db_subnet_group_name = aws_db_subnet_group.db.name\n}\n',
    good: 'resource "aws_subnet" "private" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.0.10.0/24"\n}\n\nresource "aws_db_subnet_group" "db" {\n  subnet_ids = [aws_subnet.private.id]\n}\n\nresource "aws_db_instance" "db" {\n  engine               = "postgres"\n  instance_class       = "db.t4g.large"\n  storage_encrypted    = true\n  db_subnet_group_name = aws_db_subnet_group.db.name\n}\n',
  },
  check(r, context) {
    const group = r.referenced('db_subnet_group_name');
    if (!group || group.type !== 'aws_db_subnet_group') return [];
    const subnets = context.resourcesOfType('aws_subnet').filter((s) => group.refersTo('subnet_ids', s));
    const gateways = context.resourcesOfType('aws_internet_gateway');
    const tables = context.resourcesOfType('aws_route_table');
    const associations = context.resourcesOfType('aws_route_table_association');
    const publicSubnets = subnets.filter((s) => {
      if (knownBool(s.attribute('map_public_ip_on_launch')) === true) return true;
      return associations.some((a) => a.refersTo('subnet_id', s) && tables.some((t) => a.refersTo('route_table_id', t) && routesToInternet(t, gateways)));
    });
    if (publicSubnets.length === 0) return [];
    return [{ message: `The DB subnet group \`${group.address}\` holds public subnets (${publicSubnets.map((s) => `\`${s.address}\``).join(', ')}) routed to an internet gateway: use private subnets for data`, at: r, path: 'db_subnet_group_name' }];
  },
};

export const awsNetworkRules: Rule[] = [sgAdminPorts, sgDatabasePorts, sgAllPorts, rdsPublic, dataInPublicSubnets];
