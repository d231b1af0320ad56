import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, secretFields, secretValues } from './redact.js';

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

  it('redacts a secret used as an object key, keeping keys it makes equal apart', () => {
    expect(redact({ 'tok-123456': 1, 'Bearer tok-123456': 2, [REDACTED]: 3, plain: { 'tok-123456': 'x' } })).toEqual({
      [REDACTED]: 3,
      [`${REDACTED} (2)`]: 1,
      [`Bearer ${REDACTED}`]: 2,
      plain: { [REDACTED]: 'x' },
    });
  });

  describe('finds a secret in the forms it travels in', () => {
    const secret = 'tok-9f8e/7d6c+b5?a4 z';
    const redactOne = createRedactor([secret]);
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const b64url = (text: string) => Buffer.from(text).toString('base64url');

    it.each([
      ['base64', b64(secret)],
      ['base64 without padding', b64(secret).replace(/=+$/, '')],
      ['URL-safe base64', b64url(secret)],
      ['URL-encoded', encodeURIComponent(secret)],
      ['URL-encoded, lowercase escapes', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
      ['form-encoded (spaces as +)', encodeURIComponent(secret).replaceAll('%20', '+')],
      ['reversed', [...secret].reverse().join('')],
    ])('%s', (_, form) => {
      const out = redactOne({ header: `x ${form} y` });
      expect(out.header).toContain(REDACTED);
      expect(out.header).not.toContain(form);
    });

    it('inside a longer base64 text, at every byte offset (a Basic auth header of user:secret)', () => {
      for (const user of ['me:', 'admin:', 'x:', 'ab:', 'abcd:']) {
        const header = `Basic ${b64(`${user}${secret}`)}`;
        const out = redactOne({ header });
        expect(out.header, user).toContain(REDACTED);
        // What is left of the encoded secret is at most the characters it shares with its neighbours.
        const kept = out.header.replace('Basic ', '').split(REDACTED).join('');
        expect(kept.length, user).toBeLessThanOrEqual(b64(user).length + 4);
      }
    });

    it('and not in unrelated text', () => {
      expect(redactOne({ a: 'nothing to see', b: b64('another value entirely') })).toEqual({
        a: 'nothing to see',
        b: b64('another value entirely'),
      });
    });
  });

  it('collects every string of a connection', () => {
    expect(secretValues({ token: 't', nested: { user: 'u', port: 5432 }, list: ['x'] })).toEqual(['t', 'u', 'x']);
  });
});

describe('secretFields', () => {
  const postgres = {
    type: 'object',
    properties: {
      connectionString: { type: 'string', writeOnly: true },
      host: { type: 'string' },
      database: { type: 'string' },
      password: { type: 'string', writeOnly: true },
      ssl: {
        type: 'object',
        properties: { ca: { type: 'string' }, key: { type: 'string', writeOnly: true } },
      },
    },
  };

  it('keeps declared plain fields readable and takes the writeOnly ones, nested too', () => {
    const auth = { host: '127.0.0.1', database: 'test', password: 'pw-1', ssl: { ca: 'CA', key: 'KEY' } };
    expect(secretFields(postgres, auth)).toEqual(['pw-1', 'KEY']);
  });

  it('treats fields the schema does not declare as secret', () => {
    expect(secretFields(postgres, { host: 'db', apiToken: 'undeclared-1', extra: { deep: 'x' } })).toEqual([
      'undeclared-1',
      'x',
    ]);
    expect(secretFields(undefined, { host: 'db' })).toEqual(['db']);
  });

  it('reads properties from allOf/anyOf branches; a field is secret if any branch marks it', () => {
    const schema = {
      type: 'object',
      properties: { kind: { type: 'string' }, baseUrl: { type: 'string' } },
      allOf: [{ properties: { apiKey: { type: 'string', writeOnly: true } } }],
      anyOf: [{ properties: { baseUrl: { type: 'string', writeOnly: true } } }, { properties: {} }],
    };
    expect(secretFields(schema, { kind: 'apiKey', apiKey: 'k-123', baseUrl: 'https://x.test' })).toEqual([
      'k-123',
      'https://x.test',
    ]);
  });

  it('takes every string under a writeOnly object or array', () => {
    const schema = {
      type: 'object',
      properties: { keys: { type: 'array', writeOnly: true, items: { type: 'string' } } },
    };
    expect(secretFields(schema, { keys: ['a', 'b'] })).toEqual(['a', 'b']);
  });
});
