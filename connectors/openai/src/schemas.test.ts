import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { parseStructured } from './schemas.js';

describe('parseStructured', () => {
  it('parses the JSON answer', () => {
    expect(parseStructured('{"total":12.5,"items":["a"]}', false, 'chat.complete')).toEqual({
      total: 12.5,
      items: ['a'],
    });
  });

  it('refuses an answer cut at the token limit as the input’s, before parsing', () => {
    expect(() => parseStructured('{"total":', true, 'chat.complete')).toThrow(
      expect.objectContaining({ kind: 'invalid_input' }),
    );
  });

  it('reports an answer that is not JSON', () => {
    const attempt = () => parseStructured('Sure! Here you go', false, 'chat.complete');
    expect(attempt).toThrow(ConnectorError);
    expect(attempt).toThrow(expect.objectContaining({ kind: 'unknown' }));
  });
});
