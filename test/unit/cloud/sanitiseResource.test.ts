import * as assert from 'node:assert/strict';
import { attributeAllowlist } from '../../../server/cloud/attributeAllowlist';
import { mapInstance } from '../../../server/cloud/aws/awsComputeMappers';
import { mapSecurityGroup } from '../../../server/cloud/aws/awsSecurityGroupMapper';
import { sanitiseResource } from '../../../server/cloud/sanitiseResource';
import type { Instance } from '@aws-sdk/client-ec2';

const scope = { account: '111122223333', region: 'eu-west-1' };

describe('the importer edge', () => {
  it('keeps only allowlisted attributes, whatever the mapper builds', () => {
    const counter = { redacted: 0 };
    const resource = sanitiseResource(
      {
        id: 'i-1',
        type: 'instance',
        provider: 'aws',
        nativeType: 'AWS::EC2::Instance',
        name: 'i-1',
        account: scope.account,
        region: scope.region,
        tags: {},
        attributes: { instanceType: 't3.large', userData: 'IyEvYmluL2Jhc2g=', environment: { DB_PASSWORD: 'x' }, absent: undefined },
        relations: [],
      },
      counter,
    );
    assert.deepEqual(resource.attributes, { instanceType: 't3.large' });
    assert.equal('zone' in resource, false);
  });

  it('maps an SDK instance to allowlisted fields only, never user data', () => {
    // A DescribeInstances item carrying fields the importer must drop (user data is not in the real
    // answer; a future SDK or a proxy adding it must not get it stored).
    const sdk = {
      InstanceId: 'i-0abc',
      InstanceType: 't3.large',
      SubnetId: 'subnet-1',
      Placement: { AvailabilityZone: 'eu-west-1a' },
      State: { Name: 'running' },
      MetadataOptions: { HttpTokens: 'required' },
      SecurityGroups: [{ GroupId: 'sg-app', GroupName: 'app' }],
      Tags: [{ Key: 'Name', Value: 'northwind-production-app-1' }],
      UserData: 'ZXhwb3J0IERCX1BBU1NXT1JEPWh1bnRlcjI=',
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda' }],
      ClientToken: 'client-token-123',
    } as Instance & { UserData: string };
    const resource = sanitiseResource(mapInstance(scope, sdk), { redacted: 0 });
    for (const key of Object.keys(resource.attributes)) assert.ok(attributeAllowlist.instance.includes(key), key);
    assert.equal(resource.name, 'northwind-production-app-1');
    assert.equal(resource.parent, 'subnet-1');
    assert.equal(resource.zone, 'eu-west-1a');
    assert.equal(resource.attributes.metadataHttpTokens, 'required');
    assert.deepEqual(resource.relations, [{ kind: 'usesSecurityGroup', to: 'sg-app' }]);
    assert.ok(!JSON.stringify(resource).includes('ZXhwb3J0'));
    assert.ok(!JSON.stringify(resource).includes('client-token'));
  });

  it('normalises every security-group rule and its group references', () => {
    const resource = sanitiseResource(
      mapSecurityGroup(scope, {
        GroupId: 'sg-app',
        GroupName: 'northwind-production-app',
        VpcId: 'vpc-1',
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-alb', UserId: '111122223333' }] },
          { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
        ],
        IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
      { redacted: 0 },
    );
    assert.deepEqual(resource.attributes.rules, [
      { direction: 'inbound', action: 'allow', protocol: 'tcp', ports: [{ from: 8080, to: 8080 }], peers: [{ kind: 'securityGroup', id: 'sg-alb', account: '111122223333' }] },
      {
        direction: 'inbound',
        action: 'allow',
        protocol: 'tcp',
        ports: [{ from: 3389, to: 3389 }],
        peers: [
          { kind: 'cidr', cidr: '0.0.0.0/0' },
          { kind: 'cidr', cidr: '::/0' },
        ],
      },
      { direction: 'outbound', action: 'allow', protocol: 'all', ports: null, peers: [{ kind: 'cidr', cidr: '0.0.0.0/0' }] },
    ]);
    assert.deepEqual(resource.relations, [{ kind: 'allowsFrom', to: 'sg-alb' }]);
  });

  it('redacts secret tag values and drops a tag whose key is itself a secret', () => {
    const counter = { redacted: 0 };
    const resource = sanitiseResource(
      {
        id: 'vpc-1',
        type: 'network',
        provider: 'aws',
        nativeType: 'AWS::EC2::VPC',
        name: 'AKIAIOSFODNN7EXAMPLE',
        account: scope.account,
        region: scope.region,
        tags: { Name: 'AKIAIOSFODNN7EXAMPLE', api_key: 'short', AKIAIOSFODNN7EXAMPLE: 'x', Owner: 'platform' },
        attributes: {},
        relations: [],
      },
      counter,
    );
    assert.deepEqual(resource.tags, { Name: '[redacted]', api_key: '[redacted]', Owner: 'platform' });
    assert.equal(resource.name, 'vpc-1');
    assert.equal(counter.redacted, 4);
  });
});
