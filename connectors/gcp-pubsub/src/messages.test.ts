import { describe, expect, it } from 'vitest';
import { receivedOf } from './messages.js';

describe('receivedOf', () => {
  const received = {
    ackId: 'ack-1',
    message: {
      data: Buffer.from('héllo').toString('base64'),
      messageId: '42',
      publishTime: '2026-03-01T09:00:00.123Z',
    },
  };

  it('decodes data as UTF-8 text, or keeps it base64, and fills absent fields', () => {
    expect(receivedOf(received, 'text', 'messages.pull')).toEqual({
      ackId: 'ack-1',
      messageId: '42',
      data: 'héllo',
      encoding: 'text',
      attributes: {},
      publishTime: '2026-03-01T09:00:00.123Z',
    });
    expect(receivedOf(received, 'base64', 'messages.pull').data).toBe(received.message.data);
    expect(
      receivedOf({ ackId: 'a', deliveryAttempt: 3, message: { messageId: '1', attributes: { k: 'v' } } }, 'text', 'x'),
    ).toMatchObject({
      data: '',
      attributes: { k: 'v' },
      deliveryAttempt: 3,
    });
  });

  it('refuses binary data as text, pointing at base64', () => {
    const binary = { ackId: 'a', message: { data: '/w==', messageId: '1' } };
    expect(() => receivedOf(binary, 'text', 'messages.pull')).toThrow(
      expect.objectContaining({ kind: 'invalid_input' }),
    );
  });
});
