import { describe, expect, it } from 'vitest';
import { errorMapping, socketFailure } from './error-mapping.js';
import { ConnectorError } from './errors.js';

class VendorError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
    readonly retryAfter?: string,
  ) {
    super(message);
  }
}

const storage = errorMapping({
  vendor: 'Acme Storage',
  read: (error) =>
    error instanceof VendorError
      ? {
          status: error.status,
          code: error.code,
          vendorMessage: error.message,
          retryAfter: error.retryAfter,
          cause: error,
        }
      : undefined,
  codes: { ItemNotFound: 'not_found', ServerBusy: 'rate_limit', ENOTFOUND: 'not_found' },
  statuses: { 405: 'conflict' },
  hints: {
    codes: { ItemNotFound: 'Check the item name.' },
    statuses: { 403: 'Grant the role.' },
    kinds: { transient: 'Acme had a moment.' },
  },
});

describe('errorMapping', () => {
  it('classifies by code first, then by the status', () => {
    expect(storage.kindOf({ status: 503, code: 'ServerBusy' })).toBe('rate_limit');
    expect(storage.kindOf({ status: 404 })).toBe('not_found');
    expect(storage.kindOf({ status: 405 })).toBe('conflict');
    expect(storage.kindOf({ status: 500, code: 'Other' })).toBe('transient');
    expect(storage.kindOf({ code: 'Other' })).toBe('unknown');
    expect(storage.kindOf({ code: 'ECONNRESET' })).toBe('transient');
    expect(storage.kindOf({ code: 'ENOTFOUND' })).toBe('not_found');
    expect(storage.kindOf({ status: 404, kind: 'auth' })).toBe('auth');
  });

  it('keeps status, vendor message, action key, cause and Retry-After in seconds', () => {
    const cause = new VendorError('Item gone', 404, 'ItemNotFound');
    const error = storage.from(cause, 'items.get');
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'not_found',
      status: 404,
      vendorMessage: 'Item gone',
      actionKey: 'items.get',
      message: 'Acme Storage answered 404 ItemNotFound: Item gone',
      hint: 'Check the item name.',
      cause,
    });
    const date = new Date(Date.now() + 30_000).toUTCString();
    expect(storage.from(new VendorError('busy', 503, 'ServerBusy', '7'))?.retryAfter).toBe(7);
    expect(storage.from(new VendorError('busy', 429, undefined, date))?.retryAfter).toBeGreaterThanOrEqual(29);
  });

  it('picks hints by code, then status, then kind, then the SDK default', () => {
    expect(storage.from(new VendorError('no', 403))?.hint).toBe('Grant the role.');
    expect(storage.from(new VendorError('oops', 500))?.hint).toBe('Acme had a moment.');
    expect(storage.from(new VendorError('bad', 400))?.hint).toMatch(/rejected the input/);
  });

  it('recognises socket failures, also one cause deep', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(storage.from(refused, 'items.get')).toMatchObject({
      kind: 'transient',
      message: 'cannot reach Acme Storage (ECONNREFUSED)',
      vendorMessage: 'connect ECONNREFUSED 127.0.0.1:1',
      actionKey: 'items.get',
    });
    const wrapped = new TypeError('fetch failed', { cause: refused });
    expect(storage.from(wrapped)?.kind).toBe('transient');
    const cert = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(socketFailure('Acme', cert)?.message).toBe(
      "Acme's TLS certificate was rejected (DEPTH_ZERO_SELF_SIGNED_CERT)",
    );
    expect(storage.from(cert)?.kind).toBe('auth');
  });

  it('passes ConnectorErrors through, adding a missing action key', () => {
    const early = new ConnectorError('token refused', { kind: 'auth', status: 401 }, 'Fix the key.');
    expect(storage.from(early, 'items.get')).toMatchObject({
      kind: 'auth',
      status: 401,
      actionKey: 'items.get',
      hint: 'Fix the key.',
    });
    const keyed = new ConnectorError('x', { kind: 'auth', actionKey: 'a' });
    expect(storage.from(keyed, 'b')).toBe(keyed);
  });

  it('leaves the unrecognised to the caller, or wraps it as unknown', async () => {
    const bug = new RangeError('bug');
    expect(storage.from(bug)).toBeUndefined();
    expect(storage.toConnectorError(bug, 'items.get')).toMatchObject({
      kind: 'unknown',
      message: 'Acme Storage call failed: bug',
      cause: bug,
    });
    await expect(storage.call('items.get', () => Promise.reject(bug))).rejects.toBe(bug);
    await expect(storage.call('items.get', () => Promise.reject(new VendorError('x', 409)))).rejects.toMatchObject({
      kind: 'conflict',
      actionKey: 'items.get',
    });
    await expect(storage.call('items.get', async () => 42)).resolves.toBe(42);
  });

  it("refines a ConnectorError, such as the HTTP client's, by the vendor's own code", () => {
    const api = errorMapping({
      vendor: 'Acme',
      codes: { name_taken: 'conflict' },
      read: () => ({ message: 'never for ConnectorErrors' }),
      refine: (error) =>
        error.vendorMessage?.startsWith('name_taken')
          ? { status: error.status, code: 'name_taken', message: error.message, cause: error.cause }
          : undefined,
    });
    const http = new ConnectorError('POST /items failed with HTTP 422', {
      kind: 'invalid_input',
      status: 422,
      vendorMessage: 'name_taken: exists',
    });
    expect(api.from(http, 'items.create')).toMatchObject({ kind: 'conflict', status: 422, actionKey: 'items.create' });
    const other = new ConnectorError('x', { kind: 'invalid_input', status: 422 });
    expect(api.from(other)).toBe(other);
  });

  it('maps a failure read some other way', () => {
    expect(storage.fromFailure({ code: 'ItemNotFound', vendorMessage: 'gone' }, 'items.get')).toMatchObject({
      kind: 'not_found',
      message: 'Acme Storage: gone',
      hint: 'Check the item name.',
      actionKey: 'items.get',
    });
  });

  it('compares codes as the vendor needs', () => {
    const blind = errorMapping({
      vendor: 'Acme',
      codes: { INVALID_SESSION_ID: 'auth' },
      normalizeCode: (code) => code.replaceAll('_', '').toUpperCase(),
    });
    expect(blind.kindOf({ code: 'InvalidSessionId' })).toBe('auth');
  });
});
