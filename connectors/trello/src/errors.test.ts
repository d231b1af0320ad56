import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { trelloErrors } from './errors.js';

function httpError(status: number, data: unknown, retryAfter?: number): ConnectorError {
  return new ConnectorError(`GET https://api.trello.com/1/x failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    retryAfter,
    cause: { status, headers: {}, data, url: 'https://api.trello.com/1/x' },
  });
}

describe('trelloErrors', () => {
  it('classifies Trello’s plain-text bodies', () => {
    expect(trelloErrors.toConnectorError(httpError(401, 'invalid token'), 'cards.get')).toMatchObject({
      kind: 'auth',
      status: 401,
      actionKey: 'cards.get',
      message: 'Trello answered 401: invalid token',
    });
    expect(trelloErrors.toConnectorError(httpError(400, 'invalid id'))).toMatchObject({ kind: 'invalid_input' });
    expect(trelloErrors.toConnectorError(httpError(401, 'unauthorized permission requested')).hint).toContain('board');
    expect(trelloErrors.toConnectorError(httpError(404, 'The requested resource was not found.'))).toMatchObject({
      kind: 'not_found',
    });
  });

  it('reads the JSON rate-limit body and keeps Retry-After', () => {
    const error = trelloErrors.toConnectorError(
      httpError(429, { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' }, 10),
    );
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 10 });
  });

  it('falls back to the status for a body it does not know', () => {
    expect(trelloErrors.toConnectorError(httpError(503, '<html>down</html>'))).toMatchObject({ kind: 'transient' });
  });
});
