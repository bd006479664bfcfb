/**
 * The AWS importer against mocked SDK clients (aws-sdk-client-mock), for what moto cannot show:
 * real EC2's `UnauthorizedOperation`, multi-page `NextToken` paging, an ExternalId the role refuses,
 * throttling, a call that never answers, and cancellation.
 */
import * as assert from 'node:assert/strict';
import {
  DescribeAddressesCommand,
  DescribeEgressOnlyInternetGatewaysCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { importAws } from '../../../server/cloud/aws/awsImporter';
import { minimalAwsPolicy } from '../../../server/cloud/aws/awsPolicy';
import { ImportCancelledError } from '../../../server/cloud/importRun';
import { snapshotIsUsable } from '../../../server/cloud/snapshotStore';
import type { AwsConnection } from '../../../server/cloud/aws/awsConnection';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// The mocks replace the clients' `send` for every instance: they are made in `before` and
// restored in `after`, so that other suites get the real clients.
let ec2: AwsClientStub<EC2Client>;
let elb: AwsClientStub<ElasticLoadBalancingV2Client>;
let rds: AwsClientStub<RDSClient>;
let sts: AwsClientStub<STSClient>;

const keys = { kind: 'static', accessKeyId: 'AKIAUNITTEST00000000', secretAccessKey: 'unit-test-secret' } as const;
const connection: AwsConnection = { credentials: keys, regions: ['eu-west-1'] };

/** An empty account: every list answers with nothing. */
function emptyAccount(): void {
  for (const m of [ec2, elb, rds, sts]) m.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/ci' });
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [] });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
  ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
  ec2.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [] });
  ec2.on(DescribeEgressOnlyInternetGatewaysCommand).resolves({ EgressOnlyInternetGateways: [] });
  ec2.on(DescribeNatGatewaysCommand).resolves({ NatGateways: [] });
  ec2.on(DescribeAddressesCommand).resolves({ Addresses: [] });
  ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({ VpcPeeringConnections: [] });
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
  ec2.on(DescribeTransitGatewayAttachmentsCommand).resolves({ TransitGatewayAttachments: [] });
  elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
  elb.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
  rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
}

function unauthorized(): EC2ServiceException {
  return new EC2ServiceException({
    name: 'UnauthorizedOperation',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
    message: 'You are not authorized to perform this operation. Encoded authorization failure message: AbCdEf',
  });
}

describe('AWS import (mocked SDK)', () => {
  before(() => {
    ec2 = mockClient(EC2Client);
    elb = mockClient(ElasticLoadBalancingV2Client);
    rds = mockClient(RDSClient);
    sts = mockClient(STSClient);
  });
  after(() => {
    for (const m of [ec2, elb, rds, sts]) m.restore();
  });
  beforeEach(emptyAccount);

  it('follows NextToken to the last page, asking for the largest page', async () => {
    ec2.on(DescribeInstancesCommand, { NextToken: undefined }).resolves({
      Reservations: [{ Instances: [{ InstanceId: 'i-1', SubnetId: 'subnet-a' }, { InstanceId: 'i-2', SubnetId: 'subnet-a' }] }],
      NextToken: 'page-2',
    });
    ec2.on(DescribeInstancesCommand, { NextToken: 'page-2' }).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-3' }] }], NextToken: 'page-3' });
    ec2.on(DescribeInstancesCommand, { NextToken: 'page-3' }).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-4' }] }] });
    const snapshot = await importAws({ connections: [connection] });
    const ids = snapshot.resources.filter((r) => r.type === 'instance').map((r) => r.id);
    assert.deepEqual(ids, ['i-1', 'i-2', 'i-3', 'i-4']);
    const calls = ec2.commandCalls(DescribeInstancesCommand);
    assert.equal(calls.length, 3, 'one call per page, no more');
    assert.equal(calls[0]?.args[0].input.MaxResults, 1000);
    assert.deepEqual(snapshot.gaps, []);
  });

  it('stops when an endpoint hands back the same token twice', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }], NextToken: 'again' });
    const snapshot = await importAws({ connections: [connection] });
    assert.equal(ec2.commandCalls(DescribeVpcsCommand).length, 2);
    assert.equal(snapshot.resources.filter((r) => r.type === 'network').length, 1, 'the same VPC listed twice is one VPC');
  });

  it('turns UnauthorizedOperation into a gap naming the permission, and imports the rest', async () => {
    ec2.on(DescribeNatGatewaysCommand).rejects(unauthorized());
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] });
    const snapshot = await importAws({ connections: [connection] });
    assert.equal(snapshot.gaps.length, 1);
    const gap = snapshot.gaps[0];
    assert.equal(gap?.reason, 'denied');
    assert.equal(gap?.permission, 'ec2:DescribeNatGateways');
    assert.equal(gap?.account, '111122223333');
    assert.equal(gap?.region, 'eu-west-1');
    assert.deepEqual(gap?.resourceTypes, ['natGateway']);
    assert.match(gap?.message ?? '', /^UnauthorizedOperation: /);
    assert.ok(snapshot.resources.some((r) => r.id === 'vpc-1'));
    assert.deepEqual(minimalAwsPolicy(snapshot.gaps), {
      Version: '2012-10-17',
      Statement: [{ Sid: 'CartographReadOnly', Effect: 'Allow', Action: ['ec2:DescribeNatGateways'], Resource: '*' }],
    });
    assert.ok(snapshotIsUsable(snapshot));
  });

  it('assumes the role with the ExternalId, and reports a refused ExternalId as one gap without reading', async () => {
    const roleArn = 'arn:aws:iam::444455556666:role/CartographReadOnly';
    sts.on(AssumeRoleCommand).callsFake((input: { ExternalId?: string }) => {
      if (input.ExternalId !== 'cartograph-right-id') {
        throw new STSServiceException({
          name: 'AccessDenied',
          $fault: 'client',
          $metadata: { httpStatusCode: 403 },
          message: `User: arn:aws:iam::111122223333:user/ci is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        });
      }
      return { Credentials: { AccessKeyId: 'ASIAROLE000000000000', SecretAccessKey: 'role-secret', SessionToken: 'role-token', Expiration: new Date(Date.now() + 9e5) } };
    });
    sts.on(GetCallerIdentityCommand).resolves({ Account: '444455556666', Arn: 'arn:aws:sts::444455556666:assumed-role/CartographReadOnly/cartograph-import' });

    const refused = await importAws({ connections: [{ credentials: { kind: 'assumeRole', roleArn, externalId: 'wrong', base: keys }, regions: ['eu-west-1'] }] });
    assert.equal(ec2.calls().length, 0, 'nothing is read with credentials that were refused');
    assert.equal(refused.gaps.length, 1);
    assert.equal(refused.gaps[0]?.operation, 'AssumeRole');
    assert.equal(refused.gaps[0]?.account, '444455556666');
    assert.match(refused.gaps[0]?.message ?? '', /trust policy/);
    assert.equal(snapshotIsUsable(refused), false);

    const accepted = await importAws({
      connections: [{ credentials: { kind: 'assumeRole', roleArn, externalId: 'cartograph-right-id', base: keys }, regions: ['eu-west-1'] }],
    });
    assert.deepEqual(accepted.gaps, []);
    assert.deepEqual(accepted.identities, [
      { provider: 'aws', account: '444455556666', principal: 'arn:aws:sts::444455556666:assumed-role/CartographReadOnly/cartograph-import' },
    ]);
    const assume = sts.commandCalls(AssumeRoleCommand).at(-1)?.args[0].input;
    assert.equal(assume?.ExternalId, 'cartograph-right-id');
    assert.equal(assume?.RoleArn, roleArn);
  });

  it('makes a call that never answers a timeout gap and finishes the import', async () => {
    ec2.on(DescribeRouteTablesCommand).callsFake(() => new Promise(() => undefined));
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
    const snapshot = await importAws({ connections: [connection], callTimeoutMs: 100 });
    assert.deepEqual(
      snapshot.gaps.map((g) => [g.operation, g.reason]),
      [['DescribeRouteTables', 'timeout']],
    );
    assert.ok(snapshot.resources.some((r) => r.id === 'vpc-1'));
  });

  it('rejects with ImportCancelledError when cancelled, and reports progress until then', async () => {
    const controller = new AbortController();
    ec2.on(DescribeInstancesCommand).callsFake(() => new Promise(() => undefined));
    const seen: string[] = [];
    const importing = importAws({ connections: [connection] }, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.message);
        if (p.done === 3) controller.abort();
      },
    });
    await assert.rejects(importing, ImportCancelledError);
    assert.ok(seen.length >= 3);
  });

  it('imports several regions and accounts in one snapshot', async () => {
    ec2.on(DescribeVpcsCommand).callsFake(async (_input: unknown, getClient: () => EC2Client) => ({ Vpcs: [{ VpcId: `vpc-${await getClient().config.region()}` }] }));
    const snapshot = await importAws({
      connections: [
        { credentials: keys, regions: ['eu-west-1', 'eu-central-1'], label: 'prod' },
        { credentials: keys, regions: ['eu-west-2'], label: 'staging' },
      ],
    });
    assert.deepEqual(snapshot.regions, ['eu-central-1', 'eu-west-1', 'eu-west-2']);
    assert.deepEqual(
      snapshot.resources.filter((r) => r.type === 'network').map((r) => r.region).sort(),
      ['eu-central-1', 'eu-west-1', 'eu-west-2'],
    );
    assert.deepEqual(snapshot.identities.map((i) => i.connection), ['prod', 'staging']);
  });

  it('stores no secret from tags, descriptions or rule descriptions', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-secret',
              Tags: [
                { Key: 'Name', Value: 'etl' },
                { Key: 'DB_PASSWORD', Value: 'Tr0ub4dor&3' },
                { Key: 'bootstrap', Value: 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
                { Key: 'owner', Value: 'data-team' },
              ],
            },
          ],
        },
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-1',
          GroupName: 'etl',
          Description: 'token=ghp_abcdefghijklmnopqrstuvwxyz0123456789',
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'key AKIAIOSFODNN7EXAMPLE' }] }],
        },
      ],
    });
    const snapshot = await importAws({ connections: [connection] });
    const text = JSON.stringify(snapshot);
    for (const secret of ['Tr0ub4dor&3', 'wJalrXUtnFEMI', 'ghp_abcdefghij', 'AKIAIOSFODNN7EXAMPLE']) assert.ok(!text.includes(secret), `${secret} leaked`);
    const instance = snapshot.resources.find((r) => r.id === 'i-secret');
    assert.deepEqual(instance?.tags, { Name: 'etl', DB_PASSWORD: '[redacted]', bootstrap: '[redacted]', owner: 'data-team' });
    assert.equal(snapshot.stats.redactedValues, 4);
  });
});
