import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureScheme } from '../workflow/types.js';

/** How far a signed timestamp (Stripe, Slack) may be from now: both vendors document five minutes. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export const DEFAULT_HMAC_HEADER = 'x-signature';

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export interface SignedRequest {
  /** Lower-case header names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: every scheme signs the raw bytes. */
  body: Buffer;
  /** Now, in ms (a clock for tests). */
  now: number;
}

/**
 * Verifies a webhook request's signature by the scheme's rules, comparing digests in constant time:
 * - github: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`
 * - stripe: `Stripe-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "t.body">[,v1=…]`, t within the tolerance
 * - slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:ts:body">` with `X-Slack-Request-Timestamp: ts`
 * - hmac: `<header>: <hex HMAC-SHA256 of the body>` (a `sha256=` prefix is accepted)
 */
export function verifySignature(
  scheme: SignatureScheme,
  secret: string,
  request: SignedRequest,
  header = DEFAULT_HMAC_HEADER,
): SignatureCheck {
  const { body } = request;
  switch (scheme) {
    case 'github': {
      const given = single(request.headers['x-hub-signature-256']);
      if (given === undefined) return { ok: false, reason: 'the X-Hub-Signature-256 header is missing' };
      if (!given.startsWith('sha256=')) return { ok: false, reason: 'X-Hub-Signature-256 does not start with sha256=' };
      return compare(hmac(secret, body), given.slice('sha256='.length));
    }
    case 'stripe': {
      const given = single(request.headers['stripe-signature']);
      if (given === undefined) return { ok: false, reason: 'the Stripe-Signature header is missing' };
      const parts = given.split(',').map((part) => part.trim().split('='));
      const t = parts.find(([k]) => k === 't')?.[1];
      const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
      if (t === undefined || !/^[0-9]+$/.test(t) || signatures.length === 0) {
        return { ok: false, reason: 'Stripe-Signature has no t= timestamp or no v1= signature' };
      }
      const fresh = fresher(Number(t) * 1000, request.now);
      if (!fresh.ok) return fresh;
      const expected = hmac(secret, Buffer.concat([Buffer.from(`${t}.`), body]));
      return signatures.some((s) => compare(expected, s).ok)
        ? { ok: true }
        : { ok: false, reason: 'no v1 signature matches' };
    }
    case 'slack': {
      const given = single(request.headers['x-slack-signature']);
      const ts = single(request.headers['x-slack-request-timestamp']);
      if (given === undefined || ts === undefined) {
        return { ok: false, reason: 'the X-Slack-Signature or X-Slack-Request-Timestamp header is missing' };
      }
      if (!/^[0-9]+$/.test(ts)) return { ok: false, reason: 'X-Slack-Request-Timestamp is not a number' };
      const fresh = fresher(Number(ts) * 1000, request.now);
      if (!fresh.ok) return fresh;
      if (!given.startsWith('v0=')) return { ok: false, reason: 'X-Slack-Signature does not start with v0=' };
      return compare(hmac(secret, Buffer.concat([Buffer.from(`v0:${ts}:`), body])), given.slice(3));
    }
    case 'hmac': {
      const name = header.toLowerCase();
      const given = single(request.headers[name]);
      if (given === undefined) return { ok: false, reason: `the ${header} header is missing` };
      return compare(hmac(secret, body), given.startsWith('sha256=') ? given.slice(7) : given);
    }
  }
}

/** Signs a body as a scheme's sender would: for tests and for calling one's own hooks. */
export function signBody(
  scheme: SignatureScheme,
  secret: string,
  body: string | Buffer,
  nowMs: number,
): Record<string, string> {
  const raw = Buffer.from(body);
  const ts = String(Math.floor(nowMs / 1000));
  switch (scheme) {
    case 'github':
      return { 'x-hub-signature-256': `sha256=${hmac(secret, raw)}` };
    case 'stripe':
      return { 'stripe-signature': `t=${ts},v1=${hmac(secret, Buffer.concat([Buffer.from(`${ts}.`), raw]))}` };
    case 'slack':
      return {
        'x-slack-request-timestamp': ts,
        'x-slack-signature': `v0=${hmac(secret, Buffer.concat([Buffer.from(`v0:${ts}:`), raw]))}`,
      };
    case 'hmac':
      return { [DEFAULT_HMAC_HEADER]: hmac(secret, raw) };
  }
}

function hmac(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function fresher(signedAtMs: number, now: number): SignatureCheck {
  return Math.abs(now - signedAtMs) <= SIGNATURE_TOLERANCE_MS
    ? { ok: true }
    : { ok: false, reason: 'the signed timestamp is more than 5 minutes from now (a replay?)' };
}

/** Constant-time comparison of two hex digests; a length or format mismatch fails without comparing. */
function compare(expectedHex: string, givenHex: string): SignatureCheck {
  const given = /^[0-9a-fA-F]+$/.test(givenHex) ? Buffer.from(givenHex.toLowerCase(), 'hex') : Buffer.alloc(0);
  const expected = Buffer.from(expectedHex, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'the signature does not match' };
  }
  return { ok: true };
}
