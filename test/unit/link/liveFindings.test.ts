import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { liveRuleFindings, type LiveFinding } from '../../../server/link/liveFindings';
import { SnapshotScope, type SnapshotResourceView } from '../../../server/link/snapshotResourceView';
import { readSnapshot } from '../../../server/cloud/snapshotStore';
import { mapNetworkSecurityGroup } from '../../../server/cloud/azure/azureSecurityGroupMapper';
import { snapshotFormatName, snapshotFormatVersion, type AttributeValue, type CloudResource, type CloudSnapshot, type SecurityRule } from '../../../server/protocol/snapshot';
import { ruleById } from '../../../server/rules/allRules';
import { runRules } from '../../../server/rules/runRules';
import { ruleApplies, ruleSelector } from '../../../server/rules/ruleSelection';
import { HclParser } from '../../../server/terraform/hclParser';
import { display } from '../../../server/terraform/values';
import { WorkspaceIndex } from '../../../server/terraform/workspaceIndex';
import { modelText } from '../../../server/workspace/parseFile';

const account = '123456789012';

function snapshotOf(resources: CloudResource[]): CloudSnapshot {
  return {
    format: snapshotFormatName,
    version: snapshotFormatVersion,
    provider: 'aws',
    importedAt: '2025-06-01T09:00:00.000Z',
    identities: [{ provider: 'aws', account }],
    regions: ['eu-west-1'],
    resources,
    gaps: [],
    stats: { calls: 1, succeededCalls: 1, durationMs: 1, redactedValues: 0 },
  };
}

function resource(id: string, type: CloudResource['type'], attributes: Record<string, AttributeValue>, extra: Partial<CloudResource> = {}): CloudResource {
  return { id, type, provider: 'aws', nativeType: 'test', name: id, account, region: 'eu-west-1', tags: {}, attributes, relations: [], ...extra };
}

function inbound(protocol: string, ports: SecurityRule['ports'], cidrs: string[]): SecurityRule {
  return { direction: 'inbound', action: 'allow', protocol, ports, peers: cidrs.map((cidr) => ({ kind: 'cidr', cidr })) };
}

function securityGroup(id: string, rules: SecurityRule[], name = 'test'): CloudResource {
  // The snapshot stores rules as plain JSON; the live view reads them back as `SecurityRule`s.
  return resource(id, 'securityGroup', { groupName: name, description: 'test', rules: rules as unknown as AttributeValue }, { name, tags: { Name: name }, parent: 'vpc-0aaa' });
}

let parsers: { terraform: HclParser; hcl: HclParser };
before(async () => {
  parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
});

/** What the rules say about the same resource written as Terraform: rule and message, in order. */
function terraformFindings(text: string, profiles: string[]): string[] {
  const index = new WorkspaceIndex();
  const model = modelText(parsers, text, 'file:///w/main.tf');
  index.setFile(model);
  return runRules(index, model, { profiles })
    .map((f) => `${f.code} ${f.message}`)
    .sort();
}

function summary(findings: LiveFinding[]): string[] {
  return findings.map((f) => `${f.code} ${f.message}`).sort();
}

describe('link: rules on live resources', () => {
  it('reports a live SSH rule open to 0.0.0.0/0 with the rule and message the Terraform group gets, and the path into its ingress block', () => {
    const findings = liveRuleFindings(snapshotOf([securityGroup('sg-0abc', [inbound('tcp', [{ from: 22, to: 22 }], ['0.0.0.0/0'])], 'web')]), { profiles: ['baseline'] });
    const code = 'resource "aws_security_group" "web" {\n  name = "web"\n\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n';
    const expected = terraformFindings(code, ['baseline']);
    assert.deepEqual(expected.map((f) => f.split(' ')[0]), ['CG-AWS-SG-001']);
    assert.deepEqual(summary(findings), expected);
    assert.deepEqual(findings, [
      {
        code: 'CG-AWS-SG-001',
        severity: 'error',
        message: 'SSH (22) is open to the internet (0.0.0.0/0): allow it only from known address ranges',
        liveId: 'sg-0abc',
        type: 'aws_security_group',
        name: 'web',
        region: 'eu-west-1',
        path: ['ingress', 0, 'cidr_blocks', 0],
        docs: 'docs/rules/CG-AWS-SG-001.md',
      },
    ]);
  });

  it('reports ::/0 too, with the index of the rule among the ingress blocks', () => {
    const group = securityGroup('sg-0v6', [inbound('tcp', [{ from: 443, to: 443 }], ['0.0.0.0/0']), inbound('tcp', [{ from: 3389, to: 3389 }], ['::/0'])]);
    const findings = liveRuleFindings(snapshotOf([group]), { profiles: ['baseline'] });
    const code =
      'resource "aws_security_group" "g" {\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n\n  ingress {\n    from_port        = 3389\n    to_port          = 3389\n    protocol         = "tcp"\n    ipv6_cidr_blocks = ["::/0"]\n  }\n}\n';
    assert.deepEqual(summary(findings), terraformFindings(code, ['baseline']));
    assert.deepEqual(
      findings.map((f) => [f.code, f.path]),
      [['CG-AWS-SG-001', ['ingress', 1, 'ipv6_cidr_blocks', 0]]],
    );
  });

  it('reports an Azure NSG rule opened in the portal, and a location outside the residency list, as the azurerm code gets them', () => {
    // Through the importer's own mapper, from the shape ARM returns.
    const nsg = mapNetworkSecurityGroup({
      id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/web',
      name: 'web',
      location: 'eastus',
      securityRules: [
        { name: 'ssh', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '22', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*' },
        { name: 'https', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRanges: ['443', '8443'], sourceAddressPrefix: '10.1.0.0/16', destinationAddressPrefix: '*' },
      ],
      defaultSecurityRules: [
        { name: 'AllowVnetInBound', priority: 65000, direction: 'Inbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: 'VirtualNetwork' },
      ],
    }) as CloudResource;
    const snapshot: CloudSnapshot = { ...snapshotOf([nsg]), provider: 'azure', identities: [{ provider: 'azure', account: nsg.account }], regions: ['eastus'] };
    const options = { profiles: ['baseline', 'eu-residency'], allowedRegions: ['westeurope'] };
    const findings = liveRuleFindings(snapshot, options);
    const code =
      'resource "azurerm_network_security_group" "web" {\n  name     = "web"\n  location = "eastus"\n\n' +
      '  security_rule {\n    name                       = "ssh"\n    priority                   = 100\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    destination_port_range     = "22"\n    source_address_prefix      = "Internet"\n    destination_address_prefix = "*"\n  }\n\n' +
      '  security_rule {\n    name                       = "https"\n    priority                   = 110\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    destination_port_ranges    = ["443", "8443"]\n    source_address_prefix      = "10.1.0.0/16"\n    destination_address_prefix = "*"\n  }\n}\n';
    const index = new WorkspaceIndex();
    const model = modelText(parsers, code, 'file:///w/main.tf');
    index.setFile(model);
    const expected = runRules(index, model, options).map((f) => `${f.code} ${f.message}`).sort();
    assert.deepEqual(expected.map((f) => f.split(' ')[0]).sort(), ['CG-AZ-NSG-001', 'CG-AZ-RES-001']);
    assert.deepEqual(summary(findings), expected);
    const ssh = findings.find((f) => f.code === 'CG-AZ-NSG-001');
    assert.deepEqual(ssh?.path, ['security_rule', 0, 'source_address_prefix']);
    assert.equal(ssh?.type, 'azurerm_network_security_group');
    // In an allowed region the residency rule is quiet.
    assert.deepEqual(summary(liveRuleFindings(snapshot, { ...options, allowedRegions: ['eastus'] })).map((f) => f.split(' ')[0]), ['CG-AZ-NSG-001']);
  });

  it('says nothing about a group that allows only 10.0.0.0/8, even on every port', () => {
    const group = securityGroup('sg-0private', [inbound('tcp', [{ from: 22, to: 22 }], ['10.0.0.0/8']), inbound('all', null, ['10.0.0.0/8'])]);
    assert.deepEqual(liveRuleFindings(snapshotOf([group]), { profiles: ['all'] }), []);
  });

  it('reports a publicly accessible live database as the Terraform rule does', () => {
    const db = resource('arn:aws:rds:eu-west-1:123456789012:db:reports', 'database', { identifier: 'reports', engine: 'postgres', publiclyAccessible: true, storageEncrypted: true });
    const findings = liveRuleFindings(snapshotOf([db]), { profiles: ['baseline'] });
    const code = 'resource "aws_db_instance" "reports" {\n  identifier          = "reports"\n  engine              = "postgres"\n  storage_encrypted   = true\n  publicly_accessible = true\n}\n';
    assert.deepEqual(summary(findings), terraformFindings(code, ['baseline']));
    assert.deepEqual(
      findings.map((f) => [f.code, f.type, f.path]),
      [['CG-AWS-RDS-003', 'aws_db_instance', ['publicly_accessible']]],
    );
  });

  it('reports the RDP rule opened in the console on the demo snapshot, with the baseline profile', async () => {
    const snapshot = await readSnapshot(path.join(__dirname, '../../../examples/snapshot/aws-northwind-production.json'));
    const findings = liveRuleFindings(snapshot, { profiles: ['baseline'] });
    const rdp = findings.filter((f) => f.liveId === 'sg-144b91804c2dc8a13');
    assert.deepEqual(rdp, [
      {
        code: 'CG-AWS-SG-001',
        severity: 'error',
        message: 'RDP (3389) is open to the internet (0.0.0.0/0): allow it only from known address ranges',
        liveId: 'sg-144b91804c2dc8a13',
        type: 'aws_security_group',
        name: 'northwind-production-app',
        region: 'eu-west-1',
        path: ['ingress', 2, 'cidr_blocks', 0],
        docs: 'docs/rules/CG-AWS-SG-001.md',
      },
    ]);
    // The others are risks the code declares as well: the reporting database and the bastion's rules.
    assert.deepEqual(
      findings.map((f) => `${f.code} ${f.liveId}`),
      [
        'CG-AWS-RDS-001 arn:aws:rds:eu-central-1:123456789012:db:northwind-production-reporting',
        'CG-AWS-RDS-003 arn:aws:rds:eu-central-1:123456789012:db:northwind-production-reporting',
        'CG-AWS-SG-001 sg-144b91804c2dc8a13',
        'CG-AWS-SG-001 sg-f3d8055c34688ae58',
        'CG-AWS-SG-003 sg-f3d8055c34688ae58',
      ],
    );
  });

  it('stays silent when a rule would fire only because the snapshot does not record an attribute', () => {
    // In code, an unset `storage_encrypted`, `ssl_policy` or HSTS header is a finding (the provider
    // default applies); a snapshot that did not record them says nothing about the live value.
    const bareDb = resource('arn:aws:rds:eu-west-1:123456789012:db:bare', 'database', { identifier: 'bare', engine: 'postgres' });
    const listener = resource('arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/lb/1/2', 'listener', { port: 443, protocol: 'HTTPS' }, { parent: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/lb/1' });
    assert.deepEqual(liveRuleFindings(snapshotOf([bareDb, listener]), { profiles: ['all'] }), []);
    const code = 'resource "aws_db_instance" "bare" {\n  identifier = "bare"\n  engine     = "postgres"\n}\n\nresource "aws_lb_listener" "l" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/lb/1"\n  port              = 443\n  protocol          = "HTTPS"\n}\n';
    assert.deepEqual(
      terraformFindings(code, ['all']).map((f) => f.split(' ')[0]),
      ['CG-AWS-HSTS-001', 'CG-AWS-RDS-001', 'CG-AWS-TLS-001'],
    );
  });

  it('still reports what the snapshot records: an old TLS policy, unencrypted storage', () => {
    const db = resource('arn:aws:rds:eu-west-1:123456789012:db:plain', 'database', { identifier: 'plain', storageEncrypted: false });
    const listener = resource('arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/lb/1/3', 'listener', { port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-2016-08' });
    const findings = liveRuleFindings(snapshotOf([listener, db]), { profiles: ['all'] });
    assert.deepEqual(
      findings.map((f) => [f.code, f.path]),
      [
        ['CG-AWS-TLS-001', ['ssl_policy']],
        ['CG-AWS-RDS-001', ['storage_encrypted']],
      ],
    );
  });

  it('keeps the other rules going when one throws, and sorts by resource, rule and message', () => {
    const groups = [
      securityGroup('sg-0b', [inbound('tcp', [{ from: 22, to: 22 }], ['0.0.0.0/0', '::/0'])]),
      securityGroup('sg-0a', [inbound('tcp', [{ from: 22, to: 22 }], ['0.0.0.0/0']), inbound('all', null, ['0.0.0.0/0'])]),
    ];
    assert.deepEqual(
      liveRuleFindings(snapshotOf(groups), { profiles: ['baseline'] }).map((f) => `${f.liveId} ${f.code} ${JSON.stringify(f.path)}`),
      [
        'sg-0a CG-AWS-SG-001 ["ingress",0,"cidr_blocks",0]',
        'sg-0a CG-AWS-SG-003 ["ingress",1,"cidr_blocks",0]',
        'sg-0b CG-AWS-SG-001 ["ingress",0,"cidr_blocks",0]',
        'sg-0b CG-AWS-SG-001 ["ingress",0,"ipv6_cidr_blocks",0]',
      ],
    );
    const rule = ruleById('CG-AWS-SG-001')!;
    const check = rule.check;
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      assert.deepEqual(
        liveRuleFindings(snapshotOf(groups), { profiles: ['baseline'] }).map((f) => `${f.liveId} ${f.code}`),
        ['sg-0a CG-AWS-SG-003'],
      );
    } finally {
      rule.check = check;
    }
  });
});

describe('link: SnapshotResourceView', () => {
  const lbArn = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/lb/1';
  const snapshot = snapshotOf([
    securityGroup('sg-0db', [{ direction: 'inbound', action: 'allow', protocol: 'tcp', ports: [{ from: 5432, to: 5432 }], peers: [{ kind: 'securityGroup', id: 'sg-0app' }] }]),
    securityGroup('sg-0app', []),
    resource('arn:aws:rds:eu-west-1:123456789012:db:main', 'database', { identifier: 'main', port: 5432 }, { relations: [{ kind: 'usesSecurityGroup', to: 'sg-0db' }] }),
    resource(lbArn, 'loadBalancer', { scheme: 'internet-facing', state: 'active' }),
    resource(`${lbArn}/9`, 'listener', { port: 80, protocol: 'HTTP' }, { parent: lbArn }),
    resource('tgw-attach-0', 'transitGatewayAttachment', {}),
  ]);
  const scope = new SnapshotScope(snapshot);
  const view = (id: string): SnapshotResourceView => scope.viewOf(id)!;

  it('names a resource and its blocks uniquely, and answers from the live view with zero ranges', () => {
    const db = view('sg-0db');
    assert.equal(db.kind, 'resource');
    assert.equal(db.address, 'live:aws_security_group.sg-0db');
    assert.equal(display(db.region()), '"eu-west-1"');
    assert.equal(db.text('name'), 'test');
    assert.equal(db.isLiteral('name'), true);
    assert.equal(db.isLiteral('revoke_rules_on_delete'), false);
    const [ingress] = db.blocks('ingress');
    assert.equal(ingress.address, 'live:aws_security_group.sg-0db.ingress[0]');
    assert.equal(ingress.type, 'ingress');
    assert.equal(display(ingress.attribute('from_port')!), '5432');
    assert.equal(ingress.attribute('no_such_field'), undefined);
    assert.deepEqual(ingress.rangeOf(['from_port']), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(db.blockRange(), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });

  it('resolves ids to the snapshot\'s resources: relations, parents and ids in nested blocks', () => {
    const database = view('arn:aws:rds:eu-west-1:123456789012:db:main');
    assert.equal(database.referenced('vpc_security_group_ids'), view('sg-0db'));
    assert.equal(database.refersTo('vpc_security_group_ids', view('sg-0db')), true);
    assert.equal(database.refersTo('vpc_security_group_ids', view('sg-0app')), false);
    const [ingress] = view('sg-0db').blocks('ingress');
    assert.equal(ingress.refersTo('security_groups', view('sg-0app')), true);
    const listener = view(`${lbArn}/9`);
    assert.equal(listener.referenced('load_balancer_arn'), view(lbArn));
    assert.equal(listener.referenced('port'), undefined);
  });

  it('finds resources by Terraform type, aliases too, and leaves out types it cannot name', () => {
    assert.deepEqual(scope.resourcesOfType('aws_security_group').map((v) => v.liveId), ['sg-0db', 'sg-0app']);
    assert.deepEqual(scope.resourcesOfType('aws_alb').map((v) => v.liveId), [lbArn]);
    assert.deepEqual(scope.resourcesOfType('aws_s3_bucket'), []);
    assert.ok(scope.resources().every((v) => v.type.startsWith('aws_')));
  });

  it('decodes JSON strings, and leaves what is not there undefined', () => {
    const withPolicy = new SnapshotScope(snapshotOf([resource('x-1', 'endpoint', { serviceName: '{"Statement":[]}' })])).viewOf('x-1')!;
    assert.equal(display(withPolicy.json('service_name')!), '{ Statement = [] }');
    assert.equal(withPolicy.json('policy'), undefined);
  });

  it('selects rules as runRules does', () => {
    assert.equal(ruleSelector(view('sg-0db')), 'aws_security_group');
    assert.equal(ruleApplies({ appliesTo: ['aws_*'] }, 'aws_instance'), true);
    assert.equal(ruleApplies({ appliesTo: ['aws_*'] }, 'data.aws_iam_policy_document'), false);
    assert.equal(ruleApplies({ appliesTo: ['provider.aws'] }, 'provider.aws'), true);
    assert.equal(ruleApplies({ appliesTo: ['aws_lb_listener'] }, 'aws_lb'), false);
  });
});
