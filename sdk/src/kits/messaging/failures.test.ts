import { describe, expect, it } from 'vitest';
import { findErrorCode, isBrokerUnreachable, untrustedCertificate } from './failures.js';

const coded = (message: string, code: unknown, cause?: unknown) =>
  Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });

describe('findErrorCode', () => {
  it('finds a string code on the error or down its causes, and passes over numeric ones', () => {
    const wrapped = new Error('request failed', { cause: coded('connection failed', 5, coded('x', 'ECONNRESET')) });
    expect(findErrorCode(wrapped, (code) => code.startsWith('E'))).toBe('ECONNRESET');
    expect(findErrorCode(coded('a', 5), () => true)).toBeUndefined();
    expect(findErrorCode('not an error', () => true)).toBeUndefined();
  });

  it('gives up five causes deep', () => {
    let error: Error = coded('socket', 'EPIPE');
    for (let depth = 0; depth < 5; depth++) error = new Error(`wrapper ${depth}`, { cause: error });
    expect(findErrorCode(error, () => true)).toBeUndefined();
  });
});

describe('isBrokerUnreachable', () => {
  it('is true for socket failures, wrapped or not, and false for the broker’s own refusals', () => {
    expect(isBrokerUnreachable(coded('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'))).toBe(true);
    expect(isBrokerUnreachable(new Error('request', { cause: coded('lookup', 'EAI_AGAIN') }))).toBe(true);
    expect(isBrokerUnreachable(coded('Not authorized', 'ERR_AUTH'))).toBe(false);
    expect(isBrokerUnreachable(new Error('Connection closed'))).toBe(false);
  });
});

describe('untrustedCertificate', () => {
  it('reads a refused certificate as auth, naming the peer and the `ca` field', () => {
    const failure = untrustedCertificate(
      'MQTT',
      'broker',
      coded('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'),
    );
    expect(failure).toMatchObject({
      kind: 'auth',
      message: "MQTT: the broker's TLS certificate is not trusted (self-signed certificate)",
      vendorMessage: 'self-signed certificate',
    });
    expect(failure?.hint).toBe(
      "Put the PEM certificate of the authority that signed it (or the broker's self-signed one) in the connection's `ca`.",
    );
  });

  it('looks down the cause chain, and leaves other failures alone', () => {
    const wrapped = new Error('connection failed', { cause: coded('expired', 'CERT_HAS_EXPIRED') });
    expect(untrustedCertificate('NATS', 'server', wrapped)?.message).toBe(
      "NATS: the server's TLS certificate is not trusted (connection failed)",
    );
    expect(untrustedCertificate('NATS', 'server', coded('refused', 'ECONNREFUSED'))).toBeUndefined();
  });
});
