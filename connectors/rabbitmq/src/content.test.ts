import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { decodeContent, encodeContent } from './content.js';

describe('encodeContent', () => {
  it('sends text as text and other JSON values as JSON', () => {
    expect(encodeContent('héllo')).toEqual({ body: Buffer.from('héllo'), contentType: 'text/plain' });
    expect(encodeContent({ a: [1, null] })).toEqual({
      body: Buffer.from('{"a":[1,null]}'),
      contentType: 'application/json',
    });
    expect(encodeContent(42).contentType).toBe('application/json');
  });
});

describe('decodeContent', () => {
  const json = Buffer.from('{"id":7}');
  const binary = Buffer.from([0xff, 0xfe, 0x00]);

  it('parses JSON in auto mode only when the content type says JSON', () => {
    expect(decodeContent(json, 'application/json; charset=utf-8', 'auto', 'k')).toEqual({
      content: { id: 7 },
      encoding: 'json',
    });
    expect(decodeContent(json, 'application/vnd.acme+json', 'auto', 'k').encoding).toBe('json');
    expect(decodeContent(json, 'text/plain', 'auto', 'k')).toEqual({ content: '{"id":7}', encoding: 'text' });
  });

  it('falls back to text for a JSON content type whose body is not JSON, and to base64 for binary', () => {
    expect(decodeContent(Buffer.from('oops'), 'application/json', 'auto', 'k')).toEqual({
      content: 'oops',
      encoding: 'text',
    });
    expect(decodeContent(binary, undefined, 'auto', 'k')).toEqual({ content: '//4A', encoding: 'base64' });
  });

  it('insists when a mode is named', () => {
    expect(decodeContent(json, undefined, 'json', 'k')).toEqual({ content: { id: 7 }, encoding: 'json' });
    expect(decodeContent(json, 'application/json', 'base64', 'k').encoding).toBe('base64');
    expect(() => decodeContent(Buffer.from('nope'), undefined, 'json', 'messages.get')).toThrow(ConnectorError);
    expect(() => decodeContent(binary, undefined, 'text', 'messages.get')).toThrow(/not valid UTF-8/);
  });
});
