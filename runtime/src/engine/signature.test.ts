import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature.js';

const body = Buffer.from('{"action":"opened"}');
const now = Date.parse('2026-03-01T12:00:00Z');

describe('verifySignature', () => {
  for (const scheme of ['github', 'stripe', 'slack', 'hmac'] as const) {
    it(`accepts a ${scheme} signature made with the secret and refuses one made with another`, () => {
      const good = signBody(scheme, 's3cret', body, now);
      expect(verifySignature(scheme, 's3cret', { headers: good, body, now })).toEqual({ ok: true });
      const bad = signBody(scheme, 'other', body, now);
      expect(verifySignature(scheme, 's3cret', { headers: bad, body, now }).ok).toBe(false);
      const tampered = Buffer.from('{"action":"closed"}');
      expect(verifySignature(scheme, 's3cret', { headers: good, body: tampered, now }).ok).toBe(false);
      expect(verifySignature(scheme, 's3cret', { headers: {}, body, now })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/missing/),
      });
    });
  }

  it('refuses Stripe and Slack signatures older than five minutes (replays)', () => {
    for (const scheme of ['stripe', 'slack'] as const) {
      const old = signBody(scheme, 's', body, now - 6 * 60_000);
      expect(verifySignature(scheme, 's', { headers: old, body, now })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/5 minutes/),
      });
      const recent = signBody(scheme, 's', body, now - 4 * 60_000);
      expect(verifySignature(scheme, 's', { headers: recent, body, now }).ok).toBe(true);
    }
  });

  it('accepts any of several Stripe v1 signatures (a secret being rolled)', () => {
    const t = Math.floor(now / 1000);
    const [, v1] = signBody('stripe', 's', body, now)['stripe-signature']?.split(',v1=') ?? [];
    const header = `t=${t},v1=${'0'.repeat(64)},v1=${v1}`;
    expect(verifySignature('stripe', 's', { headers: { 'stripe-signature': header }, body, now }).ok).toBe(true);
  });

  it('reads the generic HMAC from the header named, with or without sha256=', () => {
    const hex = signBody('hmac', 'k', body, now)['x-signature'];
    expect(
      verifySignature('hmac', 'k', { headers: { 'x-acme-sig': `sha256=${hex}` }, body, now }, 'X-Acme-Sig').ok,
    ).toBe(true);
    expect(verifySignature('hmac', 'k', { headers: { 'x-acme-sig': 'zz' }, body, now }, 'X-Acme-Sig').ok).toBe(false);
  });
});
