import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './messages.js';

describe('message encoding', () => {
  it('round-trips UTF-8 text through base64, and leaves text alone without it', () => {
    expect(encodeMessage('Grüße {"id":1}', 'base64')).toBe(Buffer.from('Grüße {"id":1}').toString('base64'));
    expect(decodeMessage(encodeMessage('Grüße', 'base64'), 'base64', 'messages.receive')).toBe('Grüße');
    expect(encodeMessage('plain', 'none')).toBe('plain');
    expect(decodeMessage('not base64!', 'none', 'messages.receive')).toBe('not base64!');
  });

  it('refuses stored text that is not base64 UTF-8 as invalid input', () => {
    expect(() => decodeMessage('hello world', 'base64', 'messages.peek')).toThrow(/not base64/);
    expect(() => decodeMessage(Buffer.from([0xff, 0xfe]).toString('base64'), 'base64', 'messages.peek')).toThrow(
      expect.objectContaining({ kind: 'invalid_input', actionKey: 'messages.peek' }),
    );
  });
});
