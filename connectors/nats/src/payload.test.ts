import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from './payload.js';

describe('encodePayload', () => {
  it('sends text as UTF-8, other values as JSON, base64 as its bytes', () => {
    expect(encodePayload('héllo', 'auto', 'k')).toEqual({
      body: Buffer.from('héllo'),
      contentType: 'text/plain',
      utf8: true,
    });
    expect(encodePayload({ a: 1 }, 'auto', 'k')).toMatchObject({
      body: Buffer.from('{"a":1}'),
      contentType: 'application/json',
    });
    expect(encodePayload(42, 'auto', 'k').body.toString()).toBe('42');
    expect(encodePayload('AAH/', 'base64', 'k')).toEqual({
      body: Buffer.from([0, 1, 255]),
      contentType: 'application/octet-stream',
      utf8: false,
    });
  });

  it('refuses a base64 payload that is not base64 text', () => {
    expect(() => encodePayload('a!b', 'base64', 'publish')).toThrow(/not a base64 string/);
    expect(() => encodePayload({ a: 1 }, 'base64', 'publish')).toThrow(/not a base64 string/);
  });
});

describe('decodePayload', () => {
  it('keeps a plain value as text, parses JSON objects, base64 for binary', () => {
    expect(decodePayload(Buffer.from('21.5'), undefined, 'auto', 'k')).toEqual({ payload: '21.5', encoding: 'text' });
    expect(decodePayload(Buffer.from('{"a":1}'), undefined, 'auto', 'k')).toEqual({
      payload: { a: 1 },
      encoding: 'json',
    });
    expect(decodePayload(Buffer.from('21.5'), 'application/json', 'auto', 'k')).toEqual({
      payload: 21.5,
      encoding: 'json',
    });
    expect(decodePayload(Buffer.from('{broken'), undefined, 'auto', 'k')).toEqual({
      payload: '{broken',
      encoding: 'text',
    });
    expect(decodePayload(Buffer.from([0xff, 0]), undefined, 'auto', 'k')).toEqual({
      payload: '/wA=',
      encoding: 'base64',
    });
  });

  it('insists when told json or text', () => {
    expect(decodePayload(Buffer.from('7'), undefined, 'json', 'k')).toEqual({ payload: 7, encoding: 'json' });
    expect(() => decodePayload(Buffer.from('on'), undefined, 'json', 'k')).toThrow(/not JSON/);
    expect(() => decodePayload(Buffer.from([0xff]), undefined, 'text', 'k')).toThrow(/UTF-8/);
    expect(decodePayload(Buffer.from('{"a":1}'), undefined, 'text', 'k')).toEqual({
      payload: '{"a":1}',
      encoding: 'text',
    });
  });
});
