import { describe, expect, it } from 'vitest';
import { functionErrorOf, logTailOf, payloadOf } from './payload.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('payloadOf', () => {
  it('parses JSON, keeps other text, and gives null for nothing', () => {
    expect(payloadOf(bytes('{"total":42.5}'))).toEqual({ total: 42.5 });
    expect(payloadOf(bytes('"done"'))).toBe('done');
    expect(payloadOf(bytes('null'))).toBeNull();
    expect(payloadOf(bytes('plain words'))).toBe('plain words');
    expect(payloadOf(new Uint8Array())).toBeNull();
    expect(payloadOf(undefined)).toBeNull();
  });
});

describe('logTailOf and functionErrorOf', () => {
  it('decodes the base64 log tail and reads an unhandled error', () => {
    expect(logTailOf(Buffer.from('START RequestId: 1\nEND RequestId: 1\n').toString('base64'))).toBe(
      'START RequestId: 1\nEND RequestId: 1\n',
    );
    expect(logTailOf(undefined)).toBeUndefined();
    expect(functionErrorOf({ errorType: 'TypeError', errorMessage: 'x is undefined', trace: [] })).toEqual({
      errorType: 'TypeError',
      errorMessage: 'x is undefined',
    });
    expect(functionErrorOf('Task timed out after 3.00 seconds')).toEqual({
      errorMessage: 'Task timed out after 3.00 seconds',
    });
    expect(functionErrorOf(null)).toEqual({});
  });
});
