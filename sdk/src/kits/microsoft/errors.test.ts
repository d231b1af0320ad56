import { describe, expect, it } from 'vitest';
import { graphErrorMapping } from './errors.js';

/** An error shaped like the Graph SDK's GraphError (GraphErrorHandler.constructErrorFromResponse). */
function graphError(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
  return Object.assign(new Error(message), {
    name: code,
    statusCode,
    code,
    requestId: 'b8f7c5a2-0000-4000-8000-000000000000',
    date: new Date(),
    body: JSON.stringify({ code, message }),
    headers: new Headers(headers),
  });
}

const teams = graphErrorMapping('Microsoft Teams');

describe('graphErrorMapping', () => {
  it('classifies Graph codes before statuses', () => {
    const cases: [number, string, string][] = [
      [404, 'NotFound', 'not_found'],
      [404, 'ErrorItemNotFound', 'not_found'],
      [400, 'ErrorInvalidIdMalformed', 'invalid_input'],
      [401, 'InvalidAuthenticationToken', 'auth'],
      [403, 'Forbidden', 'auth'],
      [409, 'conflict', 'conflict'],
      [503, 'serviceNotAvailable', 'transient'],
      [400, 'MailboxNotEnabledForRESTAPI', 'invalid_input'],
      [422, 'SomethingNew', 'invalid_input'],
    ];
    for (const [status, code, kind] of cases) {
      const mapped = teams.toConnectorError(graphError(status, code, `${code} words`), 'messages.send');
      expect(mapped, code).toMatchObject({ kind, status, vendorMessage: `${code} words`, actionKey: 'messages.send' });
      expect(mapped.message).toBe(`Microsoft Teams answered ${status} ${code}: ${code} words`);
    }
    expect(teams.toConnectorError(graphError(403, 'Forbidden', 'no')).hint).toContain('permission');
  });

  it('keeps Retry-After of a throttled call', () => {
    const mapped = teams.toConnectorError(graphError(429, 'TooManyRequests', 'slow down', { 'Retry-After': '42' }));
    expect(mapped).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 42 });
  });

  it('reads @azure/identity’s refusals as auth failures, and a fetch that never answered as transient', () => {
    const refused = Object.assign(new Error('ClientSecretCredential authentication failed'), {
      name: 'AuthenticationError',
      statusCode: 401,
      errorResponse: {
        error: 'invalid_client',
        errorDescription: 'AADSTS7000215: Invalid client secret provided.\nTrace ID: x',
      },
    });
    expect(teams.toConnectorError(refused)).toMatchObject({
      kind: 'auth',
      message:
        'Microsoft Entra ID refused the app’s credentials (invalid_client): AADSTS7000215: Invalid client secret provided.',
    });
    const required = Object.assign(
      new Error(
        'invalid_client: Error(s): 7000215 - Timestamp: x - Description: AADSTS7000215: Invalid client secret provided. - Correlation ID: y',
      ),
      { name: 'AuthenticationRequiredError' },
    );
    expect(teams.toConnectorError(required)).toMatchObject({
      kind: 'auth',
      message:
        'Microsoft Entra ID refused the app’s credentials (invalid_client): AADSTS7000215: Invalid client secret provided.',
    });
    const unreachable = graphError(-1, 'TypeError', 'fetch failed');
    expect(teams.toConnectorError(unreachable)).toMatchObject({ kind: 'transient' });
    expect(teams.from(new Error('a bug'))).toBeUndefined();
  });
});
