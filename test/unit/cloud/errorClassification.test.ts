import * as assert from 'node:assert/strict';
import { classifyAwsError } from '../../../server/cloud/aws/awsErrors';
import { classifyAzureError } from '../../../server/cloud/azure/azureErrors';

const awsError = (name: string, status: number, message = 'm'): object => ({ name, message, $metadata: { httpStatusCode: status } });

describe('error classification', () => {
  it('AWS: denied, throttled, refused credentials, unimplemented, other', () => {
    assert.equal(classifyAwsError(awsError('UnauthorizedOperation', 403)).reason, 'denied');
    assert.equal(classifyAwsError(awsError('AccessDenied', 403)).reason, 'denied');
    assert.equal(classifyAwsError(awsError('RequestLimitExceeded', 503)).reason, 'throttled');
    assert.equal(classifyAwsError(awsError('InvalidClientTokenId', 403)).reason, 'failed');
    // moto answers an operation it lacks with HTTP 500 and an HTML page.
    assert.equal(classifyAwsError(awsError('Unknown', 500, '<!doctype html><html><title>500 Internal Server Error</title>')).reason, 'unsupported');
    assert.equal(classifyAwsError(awsError('InternalError', 500, 'We encountered an internal error.')).reason, 'failed');
    assert.match(classifyAwsError(awsError('UnauthorizedOperation', 403, 'not authorized\nEncoded: xyz')).message, /^UnauthorizedOperation: not authorized$/);
  });

  it('Azure: AuthorizationFailed, 429, 401, unknown resource type', () => {
    assert.equal(classifyAzureError({ name: 'RestError', code: 'AuthorizationFailed', statusCode: 403, message: 'no' }).reason, 'denied');
    assert.equal(classifyAzureError({ name: 'RestError', code: 'TooManyRequests', statusCode: 429, message: 'slow down' }).reason, 'throttled');
    assert.match(classifyAzureError({ name: 'RestError', code: 'InvalidAuthenticationToken', statusCode: 401, message: 'expired' }).message, /az login/);
    assert.equal(classifyAzureError({ name: 'RestError', code: 'NoRegisteredProviderFound', statusCode: 400, message: 'x' }).reason, 'unsupported');
  });
});
