import { Type } from '@mova/sdk';
import type { JWTPayload, ProtectedHeaderParameters } from 'jose';

/** JWT claims and headers as they come out of jose, for outputs. */
export const claimsSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: 'The claims (payload) of the token, e.g. sub, iss, aud, exp, and custom ones',
});
export const headerSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: 'The protected header of the token, e.g. { "alg": "HS256", "typ": "JWT", "kid": "..." }',
});

/** Unix seconds as ISO 8601, for the time claims. */
export function isoOfSeconds(seconds: unknown): string | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
}

/** Copies a jose result into plain JSON (jose's objects are plain already; this drops undefined). */
export function plain(value: JWTPayload | ProtectedHeaderParameters): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value));
}

export const timeSpan = (description: string) =>
  Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^\\s*\\d+(\\.\\d+)?\\s*[a-zA-Z]+\\s*$' })], {
    description: `${description}: seconds, or a span such as "15m", "2h", "7d" (s, m, h, d, w, y)`,
  });

export const stringOrList = (description: string) =>
  Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })], {
    description,
  });
