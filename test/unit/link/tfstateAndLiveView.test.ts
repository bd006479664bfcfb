import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { liveResourceView } from '../../../server/link/liveView';
import { parseTerraformState } from '../../../server/link/tfstate';
import { parseSnapshot } from '../../../server/cloud/snapshotStore';
import type { CloudSnapshot } from '../../../server/protocol/snapshot';
import { driftCommand } from '../../../server/cli/drift';
import { display } from '../../../server/terraform/values';

const examples = path.join(__dirname, '../../../examples');

describe('link: terraform.tfstate', () => {
  it('reads addresses of counted, for_each and module instances with their ids', () => {
    const file = path.join(examples, 'terraform/terraform.tfstate');
    const state = parseTerraformState(fs.readFileSync(file, 'utf8'), file);
    const byAddress = new Map(state.instances.map((i) => [i.address, i]));
    assert.equal(byAddress.get('aws_subnet.main_private[1]')?.id, 'subnet-0ebcb4aa87dc246af');
    assert.ok(byAddress.has('aws_vpc_security_group_ingress_rule.reporting_db_bi_vendor["203.0.113.0/24"]'));
    assert.equal(byAddress.get('module.exports.aws_s3_bucket.this')?.module, 'module.exports');
    assert.ok(![...byAddress.keys()].some((a) => a.startsWith('data.')), 'data sources are not managed instances');
  });

  it('holds no secret: no password, no user data', () => {
    const text = fs.readFileSync(path.join(examples, 'terraform/terraform.tfstate'), 'utf8');
    assert.doesNotMatch(text, /"password"|"user_data|AKIA|Northwind-Reporting-2023|wJalrXUtnFEMI/);
  });

  it('refuses other versions and non-JSON, naming the file', () => {
    assert.throws(() => parseTerraformState('{"version": 3}', 'old.tfstate'), /old\.tfstate is a version 3 Terraform state.*terraform refresh/);
    assert.throws(() => parseTerraformState('nope', 'x.tfstate'), /x\.tfstate is not JSON/);
  });
});

describe('link: liveResourceView', () => {
  const snapshot = JSON.parse(fs.readFileSync(path.join(examples, 'snapshot/aws-northwind-production.json'), 'utf8')) as CloudSnapshot;
  const byId = (id: string) => snapshot.resources.find((r) => r.id === id)!;

  it('names a security group and its rules the way Terraform does', () => {
    const view = liveResourceView(byId('sg-f3d8055c34688ae58'));
    assert.equal(view.type, 'aws_security_group');
    assert.equal(display(view.attribute('name')!), '"northwind-production-bastion"');
    assert.equal(view.blocks('ingress').length, 2);
    assert.equal(display(view.attribute(['ingress', 1, 'protocol'])!), '"-1"');
    assert.equal(display(view.attribute(['ingress', 1, 'ipv6_cidr_blocks'])!), '["::/0"]');
    assert.equal(display(view.attribute(['egress', 0, 'cidr_blocks'])!), '["10.20.0.0/16"]');
  });

  it('maps instance, database and load balancer attributes; absent values are undefined', () => {
    const instance = liveResourceView(byId('i-575ea926f1ba990a9'));
    assert.equal(display(instance.attribute('instance_type')!), '"t3.xlarge"');
    assert.equal(display(instance.attribute(['tags', 'Role'])!), '"app"');
    assert.equal(instance.attribute('public_ip'), undefined);
    const db = liveResourceView(byId('arn:aws:rds:eu-central-1:123456789012:db:northwind-production-reporting'));
    assert.equal(db.type, 'aws_db_instance');
    assert.equal(display(db.attribute('publicly_accessible')!), 'true');
    const lb = liveResourceView(byId('arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/northwind-production-app/50dc6c495c0c9188'));
    assert.equal(display(lb.attribute('internal')!), 'false');
  });
});

describe('cartograph drift', () => {
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await driftCommand(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
  };
  const snapshotFile = path.join(examples, 'snapshot/aws-northwind-production.json');

  it('lists the demo drift as text and exits 1', async () => {
    const { code, out } = await run([path.join(examples, 'terraform'), '--snapshot', snapshotFile]);
    assert.equal(code, 1);
    assert.match(out, /38 resources linked \(38 by state\), 0 ambiguous/);
    assert.match(out, /compute\.tf\n {2}20:28 {2}warning {2}CG-DRIFT-ATTRIBUTE {2}aws_instance\.app\[0\]: instance_type is "t3\.xlarge" live/);
    assert.match(out, /security\.tf\n {2}46:1 {2}warning {2}CG-DRIFT-RULE-ADDED/);
    assert.match(out, /security\.tf\n.*\n {2}46:1 {2}error {4}CG-AWS-SG-001 {2}Live only: RDP \(3389\) is open to the internet/);
    assert.match(out, /2 drift findings, 1 rule finding on live resources that the code does not show/);
  });

  it('runs no rules on live resources with --profile none, and repeats none the code shows', async () => {
    const { out } = await run([path.join(examples, 'terraform'), '--snapshot', snapshotFile, '--profile', 'none']);
    assert.doesNotMatch(out, /Live only/);
    const all = await run([path.join(examples, 'terraform'), '--snapshot', snapshotFile, '--profile', 'all']);
    // The reporting database is public and unencrypted in the code too: said once, on the code.
    assert.doesNotMatch(all.out, /Live only: The database is publicly accessible/);
    assert.match(all.out, /Live only: RDP \(3389\)/);
    assert.equal((await run([path.join(examples, 'terraform'), '--snapshot', snapshotFile, '--profile', 'nope'])).code, 2);
  });

  it('writes SARIF and JSON with the chosen severity', async () => {
    const sarif = await run([path.join(examples, 'terraform'), '--snapshot', snapshotFile, '--format', 'sarif', '--severity', 'error']);
    const log = JSON.parse(sarif.out) as { runs: { results: { ruleId: string; level: string }[] }[] };
    // The drift at the chosen severity; the console's world-open RDP, which the rules find on the live group, at the rule's own.
    assert.deepEqual(log.runs[0].results.map((r) => [r.ruleId, r.level]), [['CG-DRIFT-ATTRIBUTE', 'error'], ['CG-DRIFT-RULE-ADDED', 'error'], ['CG-AWS-SG-001', 'error']]);
    const json = JSON.parse((await run([path.join(examples, 'terraform'), '--snapshot', snapshotFile, '--format', 'json'])).out) as { links: unknown[]; drift: { code: string }[] };
    assert.equal(json.links.length, 38);
    assert.equal(json.drift.length, 2);
  });

  it('says what is wrong with its arguments', async () => {
    assert.match((await run([path.join(examples, 'terraform')])).err, /--snapshot FILE is required/);
    assert.match((await run([path.join(examples, 'terraform'), '--snapshot', snapshotFile, '--state', '/nonexistent.tfstate'])).err, /nonexistent\.tfstate/);
    assert.equal((await run(['--snapshot', snapshotFile, '--format', 'xml'])).code, 2);
  });
});

describe('state and snapshot files the fuzzer broke', () => {
  // Found by `npm run fuzz` (seed 11): a "version" object whose `toString` is not a function made
  // the error message itself throw.
  it('refuses a version that is an object, with a message naming the file', () => {
    const text = '{"version":{"toString":true,"a":1},"resources":[]}';
    assert.throws(() => parseTerraformState(text, '/w/terraform.tfstate'), /\/w\/terraform\.tfstate is a version \{"toString":true,"a":1\} Terraform state/);
    assert.throws(() => parseSnapshot(text.replace('"version"', '"format":"cartograph.snapshot","version"'), '/w/snap.json'), /\/w\/snap\.json is a version \{"toString":true,"a":1\} snapshot/);
  });
});
