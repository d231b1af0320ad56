import { describe, expect, it } from 'vitest';
import { refineByBody } from './body-failure.js';
import { errorMapping } from './error-mapping.js';
import { ConnectorError } from './errors.js';

/** What the SDK's HTTP client throws for a non-2xx answer: the response is the cause. */
const httpError = (status: number, data: unknown, retryAfter?: number) =>
  new ConnectorError(`HTTP ${status}`, {
    kind: 'unknown',
    status,
    retryAfter,
    cause: { status, url: 'https://api.example.test/x', headers: {}, data },
  });

const read = (body: unknown) => {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    code: typeof fields.error === 'string' ? fields.error : undefined,
    message: typeof fields.message === 'string' ? fields.message : undefined,
  };
};

describe('refineByBody', () => {
  it('reads the body’s code and words, keeping status and Retry-After', () => {
    const refine = refineByBody(read);
    expect(refine(httpError(429, { error: 'RATE_LIMITED', message: 'slow down' }, 7))).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      vendorMessage: 'slow down',
      retryAfter: 7,
      message: undefined,
    });
  });

  it('leaves errors without a response alone', () => {
    expect(refineByBody(read)(new ConnectorError('socket closed', { kind: 'transient' }))).toBeUndefined();
  });

  it('lets a mapping classify by the code and word the message its own way', () => {
    const acme = errorMapping({
      vendor: 'Acme',
      codes: { MISSING: 'not_found' },
      refine: refineByBody(read, (status, { message }) => `Acme answered ${status}${message ? `: ${message}` : ''}`),
    });
    const error = acme.toConnectorError(httpError(400, { error: 'MISSING', message: 'no such card' }), 'cards.get');
    expect(error).toMatchObject({
      kind: 'not_found',
      status: 400,
      message: 'Acme answered 400: no such card',
      actionKey: 'cards.get',
    });
  });
});
