import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, secretValues } from './redact.js';

describe('createRedactor', () => {
  const redact = createRedactor(['tok-123456', 'pw']);

  it('replaces secrets wherever they appear, deep inside values', () => {
    expect(redact({ a: 'tok-123456', b: ['Bearer tok-123456!'], c: { d: 'no secret', n: 5 } })).toEqual({
      a: REDACTED,
      b: [`Bearer ${REDACTED}!`],
      c: { d: 'no secret', n: 5 },
    });
  });

  it('replaces short secrets only as whole values', () => {
    expect(redact({ a: 'pw', b: 'password' })).toEqual({ a: REDACTED, b: 'password' });
  });

  it('leaves the original untouched', () => {
    const value = { a: 'tok-123456' };
    redact(value);
    expect(value.a).toBe('tok-123456');
  });

  it('collects every string of a connection', () => {
    expect(secretValues({ token: 't', nested: { user: 'u', port: 5432 }, list: ['x'] })).toEqual(['t', 'u', 'x']);
  });
});
