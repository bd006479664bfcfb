/**
 * Throttling goes through the real SDK retry stack (which aws-sdk-client-mock bypasses): a tiny
 * local endpoint speaks just enough of the EC2, ELB, RDS and STS query protocols, and throttles
 * the first DescribeSubnets call the way EC2 does.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { importAws } from '../../../server/cloud/aws/awsImporter';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** An empty, well-formed answer to any query-protocol action. */
function emptyAnswer(action: string): string {
  if (action === 'GetCallerIdentity') {
    return `<GetCallerIdentityResponse><GetCallerIdentityResult><Account>111122223333</Account><Arn>arn:aws:iam::111122223333:user/ci</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>`;
  }
  if (action === 'DescribeSubnets') {
    return '<DescribeSubnetsResponse><requestId>r</requestId><subnetSet><item><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><cidrBlock>10.0.1.0/24</cidrBlock></item></subnetSet></DescribeSubnetsResponse>';
  }
  // EC2 answers without a Result wrapper; ELB and RDS with one. Both parse as empty lists.
  return `<${action}Response><requestId>r</requestId><${action}Result/></${action}Response>`;
}

describe('AWS import retries throttled calls (real SDK retry stack)', () => {
  let server: http.Server;
  let endpoint: string;
  const seen: string[] = [];

  before(async () => {
    let throttled = false;
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const action = new URLSearchParams(body).get('Action') ?? '';
        seen.push(action);
        if (action === 'DescribeSubnets' && !throttled) {
          throttled = true;
          res.writeHead(503, { 'content-type': 'text/xml' });
          res.end('<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>');
          return;
        }
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(emptyAnswer(action));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('retries RequestLimitExceeded and keeps the result, without a gap', async () => {
    const snapshot = await importAws({
      connections: [{ credentials: { kind: 'static', accessKeyId: 'AKIAUNITTEST00000000', secretAccessKey: 'x' }, regions: ['eu-west-1'], endpoint }],
    });
    assert.deepEqual(snapshot.gaps, []);
    assert.deepEqual(
      snapshot.resources.map((r) => [r.type, r.id, r.parent]),
      [['subnet', 'subnet-1', 'vpc-1']],
    );
    assert.equal(seen.filter((a) => a === 'DescribeSubnets').length, 2, 'one throttled attempt, one retry');
    // The statistics count calls, not attempts: the retry is the SDK's business.
    assert.equal(snapshot.stats.succeededCalls, 16);
  });
});
