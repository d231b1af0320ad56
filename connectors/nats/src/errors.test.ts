import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { toConnectorError } from './errors.js';

const named = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name }, extra);

/** JetStreamApiError keeps the API's `err_code` and HTTP-like status. */
const apiError = (message: string, code: number, status: number) =>
  Object.assign(new Error(message), { name: 'JetStreamApiError', code, status });

describe('toConnectorError', () => {
  it('maps JetStream API errors by their code, then by their status', () => {
    expect(toConnectorError(apiError('stream not found', 10059, 404))).toMatchObject({
      kind: 'not_found',
      status: 404,
    });
    expect(toConnectorError(apiError('consumer not found', 10014, 404)).kind).toBe('not_found');
    expect(toConnectorError(apiError('wrong last sequence: 1', 10071, 400))).toMatchObject({
      kind: 'conflict',
      status: 400,
    });
    expect(toConnectorError(apiError('maximum messages exceeded', 10077, 400)).kind).toBe('rate_limit');
    expect(toConnectorError(apiError('something else', 10999, 400)).kind).toBe('invalid_input');
    expect(toConnectorError(apiError('jetstream unavailable', 10008, 503)).kind).toBe('transient');
  });

  it('keeps what the server said and the action key, with a hint for the kind', () => {
    const error = toConnectorError(apiError('stream not found', 10059, 404), 'jetstream.publish');
    expect(error).toMatchObject({
      message: 'NATS: stream not found',
      vendorMessage: 'stream not found',
      actionKey: 'jetstream.publish',
      status: 404,
    });
    const timeout = toConnectorError(named('TimeoutError', 'timeout'), 'request');
    expect(timeout.hint).toMatch(/servers URL/);
    const keyless = new ConnectorError('NATS: closed', { kind: 'transient' });
    expect(toConnectorError(keyless, 'kv.get')).toMatchObject({ kind: 'transient', actionKey: 'kv.get' });
  });

  it('maps nats.js error classes', () => {
    expect(toConnectorError(named('AuthorizationError', "'Authorization Violation'")).kind).toBe('auth');
    expect(toConnectorError(named('PermissionViolationError', 'Permissions Violation for Publish')).kind).toBe('auth');
    expect(toConnectorError(named('TimeoutError', 'timeout')).kind).toBe('transient');
    expect(toConnectorError(named('InvalidSubjectError', 'illegal subject')).kind).toBe('invalid_input');
    const none = toConnectorError(
      named('RequestError', "no responders: 'x'", { cause: named('NoResponders', "no responders: 'x'") }),
    );
    expect(none).toMatchObject({ kind: 'not_found', status: 503 });
    expect(none.hint).toMatch(/Nothing subscribes/);
  });

  it('reads socket and TLS failures down the cause chain', () => {
    const refused = named('ConnectionError', 'connection refused', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    expect(toConnectorError(refused).kind).toBe('transient');
    const untrusted = named('ConnectionError', 'self-signed', {
      cause: Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
    });
    expect(toConnectorError(untrusted)).toMatchObject({ kind: 'auth' });
    expect(toConnectorError(untrusted).hint).toMatch(/`ca`/);
  });

  it('reads an invalid key as invalid input and keeps ConnectorErrors', () => {
    expect(toConnectorError(new Error('invalid key: bad key')).kind).toBe('invalid_input');
    const own = new ConnectorError('x', { kind: 'conflict' });
    expect(toConnectorError(own)).toBe(own);
  });
});
