import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../errors.js';
import { decodePayload, encodePayload, isJsonType } from './payload.js';

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
    expect(encodePayload(undefined, 'auto', 'k').body.length).toBe(0);
    expect(encodePayload('AA H/\n', 'base64', 'k')).toEqual({
      body: Buffer.from([0, 1, 255]),
      contentType: 'application/octet-stream',
      utf8: false,
    });
  });

  it('refuses a base64 payload that is not base64 text', () => {
    expect(() => encodePayload('a!b', 'base64', 'publish')).toThrow(/not a base64 string/);
    expect(() => encodePayload('abc', 'base64', 'publish')).toThrow(/not a base64 string/);
    expect(() => encodePayload({ a: 1 }, 'base64', 'publish')).toThrow(ConnectorError);
  });
});

describe('decodePayload', () => {
  it('keeps a plain value as text, parses JSON objects, base64 for binary', () => {
    expect(decodePayload(Buffer.from('21.5'), undefined, 'auto', 'k')).toEqual({ payload: '21.5', encoding: 'text' });
    expect(decodePayload(Buffer.from(' [1,2]'), undefined, 'auto', 'k')).toEqual({
      payload: [1, 2],
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

  it('parses JSON only on a JSON content type when sniffing is off', () => {
    const json = Buffer.from('{"id":7}');
    expect(decodePayload(json, 'text/plain', 'auto', 'k', { sniffJson: false })).toEqual({
      payload: '{"id":7}',
      encoding: 'text',
    });
    expect(decodePayload(json, 'application/vnd.acme+json', 'auto', 'k', { sniffJson: false })).toEqual({
      payload: { id: 7 },
      encoding: 'json',
    });
  });

  it('insists when told json or text, and says so in the broker’s words', () => {
    expect(decodePayload(Buffer.from('7'), undefined, 'json', 'k')).toEqual({ payload: 7, encoding: 'json' });
    expect(decodePayload(Buffer.from('{"a":1}'), 'application/json', 'base64', 'k').encoding).toBe('base64');
    expect(() => decodePayload(Buffer.from('on'), undefined, 'json', 'k')).toThrow(/^a payload is not JSON$/);
    expect(() => decodePayload(Buffer.from([0xff]), undefined, 'text', 'k')).toThrow(/UTF-8/);
    expect(decodePayload(Buffer.from('{"a":1}'), undefined, 'text', 'k')).toEqual({
      payload: '{"a":1}',
      encoding: 'text',
    });
    try {
      decodePayload(Buffer.from('on'), undefined, 'json', 'messages.get', {
        noun: 'the message body',
        afterFailure: 'The message was put back on the queue.',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorError);
      const failure = error as ConnectorError;
      expect(failure.message).toBe('the message body is not JSON');
      expect(failure.kind).toBe('invalid_input');
      expect(failure.hint).toMatch(/decode "text" or "base64".*put back on the queue\.$/);
    }
  });
});

describe('isJsonType', () => {
  it('knows JSON and +json types, ignoring parameters and case', () => {
    expect(isJsonType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonType('application/cloudevents+json')).toBe(true);
    expect(isJsonType('text/plain')).toBe(false);
    expect(isJsonType(undefined)).toBe(false);
  });
});
