import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { toConnectorError } from './errors.js';

const withCode = (message: string, code: unknown) => Object.assign(new Error(message), { code });

describe('toConnectorError', () => {
  it.each([
    [4, 'auth'], // MQTT 3.1.1: bad user name or password
    [5, 'auth'], // MQTT 3.1.1: not authorized
    [3, 'transient'], // MQTT 3.1.1: server unavailable
    [2, 'invalid_input'], // MQTT 3.1.1: identifier rejected
    [134, 'auth'],
    [135, 'auth'],
    [137, 'transient'],
    [142, 'conflict'],
    [144, 'invalid_input'],
    [151, 'rate_limit'],
    [159, 'rate_limit'],
    [128, 'unknown'],
  ] as const)('maps reason code %i to %s', (code, kind) => {
    const error = toConnectorError(withCode('Connection refused: x', code), 'publish');
    expect(error).toMatchObject({ kind, actionKey: 'publish' });
    expect(error.message).toContain(`reason code ${code}`);
  });

  it('treats socket failures and mqtt.js connection words as transient', () => {
    expect(toConnectorError(withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED')).kind).toBe('transient');
    expect(toConnectorError(new Error('Connection closed')).kind).toBe('transient');
    expect(toConnectorError(new Error('Keepalive timeout')).kind).toBe('transient');
  });

  it('says how to trust a self-signed broker', () => {
    const error = toConnectorError(withCode('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'));
    expect(error.kind).toBe('auth');
    expect(error.hint).toMatch(/`ca`/);
  });

  it('keeps what the broker said, the reason code and the action key, with a hint for the kind', () => {
    const error = toConnectorError(withCode('Connection refused: Not authorized', 5), 'publish');
    expect(error).toMatchObject({
      message: 'MQTT: Connection refused: Not authorized (reason code 5)',
      vendorMessage: 'Connection refused: Not authorized',
      actionKey: 'publish',
    });
    expect(error.hint).toMatch(/ACL/);
    const keyless = new ConnectorError('MQTT: connack timeout', { kind: 'transient' });
    expect(toConnectorError(keyless, 'subscribe')).toMatchObject({ kind: 'transient', actionKey: 'subscribe' });
  });

  it('reads an invalid topic as invalid input and keeps ConnectorErrors as they are', () => {
    expect(toConnectorError(new Error('Invalid topic a/#/b')).kind).toBe('invalid_input');
    const own = new ConnectorError('x', { kind: 'not_found' });
    expect(toConnectorError(own)).toBe(own);
  });
});
