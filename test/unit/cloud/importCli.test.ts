import * as assert from 'node:assert/strict';
import { importCommand } from '../../../server/cli/import';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await importCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('cartograph import (usage)', () => {
  it('asks which cloud', async () => {
    const { code, stderr } = await run(['gcp']);
    assert.equal(code, 2);
    assert.match(stderr, /'aws' or 'azure', not 'gcp'/);
  });

  it('needs an output folder and regions', async () => {
    assert.match((await run(['aws', '--regions', 'eu-west-1'])).stderr, /--out DIR is required/);
    assert.match((await run(['aws', '--out', '/tmp/x'])).stderr, /--regions is required/);
    assert.match((await run(['azure', '--out', '/tmp/x'])).stderr, /--subscription ID is required/);
  });

  it('refuses a malformed region or subscription before calling anything', async () => {
    const aws = await run(['aws', '--regions', 'eu-west-1,Ireland', '--out', '/tmp/x']);
    assert.equal(aws.code, 2);
    assert.match(aws.stderr, /'Ireland' is not an AWS region name/);
    const azure = await run(['azure', '--subscription', 'not-a-guid', '--out', '/tmp/x']);
    assert.equal(azure.code, 2);
    assert.match(azure.stderr, /'not-a-guid' is not an Azure subscription id/);
  });

  it('rejects an ExternalId without a role, and unknown options', async () => {
    assert.match((await run(['aws', '--regions', 'eu-west-1', '--out', '/tmp/x', '--external-id', 'x'])).stderr, /--external-id goes with --role-arn/);
    const unknown = await run(['aws', '--secret-key', 'x']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--secret-key'/);
  });

  it('prints its usage on --help', async () => {
    const { code, stdout } = await run(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /cartograph import aws --regions/);
  });
});
