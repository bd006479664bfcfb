import * as assert from 'node:assert/strict';
import { minimalAwsPolicy, newExternalId, trustPolicy } from '../../../server/cloud/aws/awsPolicy';
import type { ImportGap } from '../../../server/protocol/snapshot';

describe('AWS policies to copy', () => {
  it('renders the trust policy of a role assumed with an ExternalId', () => {
    assert.deepEqual(trustPolicy('111122223333', 'cartograph-0123456789abcdef'), {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CartographAssumeRole',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'cartograph-0123456789abcdef' } },
        },
      ],
    });
  });

  it('refuses an account id or ExternalId that IAM would refuse', () => {
    assert.throws(() => trustPolicy('1111', 'abc'), /12 digits/);
    assert.throws(() => trustPolicy('111122223333', 'has space'), /ExternalId/);
  });

  it('makes a fresh ExternalId each time that IAM accepts', () => {
    const a = newExternalId();
    assert.notEqual(a, newExternalId());
    assert.doesNotThrow(() => trustPolicy('111122223333', a));
  });

  it('lists every read-only action an import makes, and nothing that writes', () => {
    const actions = minimalAwsPolicy()?.Statement[0]?.Action as string[];
    assert.ok(actions.includes('ec2:DescribeInstances'));
    assert.ok(actions.includes('elasticloadbalancing:DescribeTargetHealth'));
    assert.ok(actions.includes('rds:DescribeDBInstances'));
    assert.equal(actions.length, 18);
    for (const action of actions) assert.match(action, /^[a-z0-9]+:Describe[A-Za-z]+$/);
  });

  it('fills only denied gaps; timeouts and sign-in failures need no policy', () => {
    const gap = (permission: string, reason: ImportGap['reason']): ImportGap => ({
      provider: 'aws',
      operation: permission.split(':')[1] ?? '',
      permission,
      resourceTypes: [],
      reason,
      message: '',
    });
    assert.equal(minimalAwsPolicy([gap('ec2:DescribeVpcs', 'timeout'), gap('sts:AssumeRole', 'denied')]), undefined);
    assert.deepEqual(minimalAwsPolicy([gap('rds:DescribeDBInstances', 'denied'), gap('ec2:DescribeVpcs', 'denied'), gap('ec2:DescribeVpcs', 'denied')])?.Statement[0]?.Action, [
      'ec2:DescribeVpcs',
      'rds:DescribeDBInstances',
    ]);
  });
});
