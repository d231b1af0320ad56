import { describe, expect, it } from 'vitest';
import { dockerErrors } from './errors.js';

/** An error as docker-modem builds one. */
const modemError = (statusCode: number, message: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json: { message } });

describe('dockerErrors', () => {
  it.each([
    [404, 'No such container: web', 'not_found'],
    [409, 'container web is not running', 'conflict'],
    [400, 'Bad parameters', 'invalid_input'],
    [500, 'driver failed', 'transient'],
  ] as const)('maps HTTP %i to %s, keeping the daemon’s message', (status, message, kind) => {
    expect(dockerErrors.toConnectorError(modemError(status, message), 'containers.start')).toMatchObject({
      kind,
      status,
      vendorMessage: message,
      actionKey: 'containers.start',
    });
  });

  it('reads registry refusals by their words', () => {
    expect(dockerErrors.toConnectorError(modemError(404, 'pull access denied for acme/x')).kind).toBe('auth');
    expect(
      dockerErrors.toConnectorError(modemError(500, 'toomanyrequests: You have reached your pull rate limit.')).kind,
    ).toBe('rate_limit');
  });

  it('sees a TLS alert for a missing client certificate as auth, a refused socket as transient', () => {
    const alert = Object.assign(new Error('tlsv13 alert certificate required'), {
      code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
    });
    expect(dockerErrors.toConnectorError(alert)).toMatchObject({
      kind: 'auth',
      hint: expect.stringContaining('--tlsverify'),
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2376'), { code: 'ECONNREFUSED' });
    expect(dockerErrors.toConnectorError(refused).kind).toBe('transient');
  });
});
