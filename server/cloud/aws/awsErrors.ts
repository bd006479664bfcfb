/**
 * Turns an AWS SDK error into the reason and message of a gap. Real EC2 denies with
 * `UnauthorizedOperation`, most other services (and moto) with `AccessDenied`; all of them are
 * "denied", which the minimal policy can fix. Rejected credentials are not: no policy helps, the
 * message says to check the credentials instead.
 */
import type { GapReason } from '../../protocol/snapshot';

const denied = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'UnauthorizedAccess', 'AuthorizationError', 'Forbidden']);
const throttled = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
]);
const badCredentials = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'IncompleteSignature',
  'CredentialsProviderError',
]);
const unsupported = new Set(['InvalidAction', 'UnknownOperationException', 'UnsupportedOperation', 'NotImplemented', 'OptInRequired']);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function classifyAwsError(error: unknown): { reason: GapReason; message: string } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = String(e.Code ?? e.name ?? 'Error');
  const status = e.$metadata?.httpStatusCode;
  const text = firstLine(typeof e.message === 'string' ? e.message : String(error));
  if (denied.has(name) || (status === 403 && !badCredentials.has(name))) return { reason: 'denied', message: `${name}: ${text}` };
  if (throttled.has(name) || status === 429) return { reason: 'throttled', message: `${name}: still throttled after the SDK's retries. ${text}` };
  if (badCredentials.has(name)) return { reason: 'failed', message: `${name}: the credentials were rejected; check them or the profile. ${text}` };
  if (name === 'TimeoutError' || e.code === 'ETIMEDOUT' || name === 'RequestTimeout') return { reason: 'timeout', message: `${name}: ${text}` };
  // An operation the endpoint does not implement (moto answers HTTP 500 with an HTML page).
  if (unsupported.has(name) || status === 501 || (status === 500 && /<html|not (yet )?implemented|deserializ/i.test(text))) {
    return { reason: 'unsupported', message: `${name}: the endpoint does not implement this call. ${text}` };
  }
  return { reason: 'failed', message: `${name}${status ? ` (HTTP ${status})` : ''}: ${text}` };
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
