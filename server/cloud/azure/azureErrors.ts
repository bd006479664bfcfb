/**
 * Turns an Azure SDK error into the reason and message of a gap. ARM denies with HTTP 403 and
 * `AuthorizationFailed`, naming the action it wanted (`Microsoft.Network/…/read`); a 401 means the
 * token itself was refused, which no role assignment fixes.
 */
import type { GapReason } from '../../protocol/snapshot';

interface RestErrorShape {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

export function classifyAzureError(error: unknown): { reason: GapReason; message: string } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as RestErrorShape;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e.code === 'string' ? e.code : String(e.name ?? 'Error');
  const text = (typeof e.message === 'string' ? e.message : String(error)).split('\n', 1)[0]?.slice(0, 300) ?? '';
  if (status === 403 || code === 'AuthorizationFailed' || code === 'LinkedAuthorizationFailed') return { reason: 'denied', message: `${code}: ${text}` };
  if (status === 429) return { reason: 'throttled', message: `${code}: still throttled after the SDK's retries. ${text}` };
  if (status === 401 || e.name === 'CredentialUnavailableError' || e.name === 'AuthenticationError') {
    return { reason: 'failed', message: `${code}: the credentials were refused; sign in again (\`az login\`) or check the service principal. ${text}` };
  }
  if (code === 'NoRegisteredProviderFound' || code === 'InvalidResourceType' || code === 'MissingSubscriptionRegistration' || status === 501) {
    return { reason: 'unsupported', message: `${code}: ${text}` };
  }
  if (code === 'REQUEST_SEND_ERROR' && /timed? ?out/i.test(text)) return { reason: 'timeout', message: `${code}: ${text}` };
  return { reason: 'failed', message: `${code}${status ? ` (HTTP ${status})` : ''}: ${text}` };
}
