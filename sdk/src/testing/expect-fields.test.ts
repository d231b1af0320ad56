import { describe, expect, it } from 'vitest';
import { assertFields, assertJsonEqual, assertRejects } from './expect-fields.js';

class DriverError extends Error {
  constructor(
    message: string,
    readonly sqlState: string,
  ) {
    super(message);
  }
}

describe('assertFields', () => {
  it('passes when every field is equal or matches its pattern, whatever else the value has', () => {
    expect(() =>
      assertFields(
        { kind: 'conflict', index: [2], message: 'duplicate key', extra: 1 },
        { kind: 'conflict', index: [2], message: /^dup/ },
        'x',
      ),
    ).not.toThrow();
  });

  it('names each field that differs, with what it was', () => {
    expect(() =>
      assertFields({ kind: 'auth', message: 'denied' }, { kind: 'conflict', message: /dup/ }, 'insert'),
    ).toThrow('insert: expected {"kind":"conflict","message":"/dup/"}, got {"kind":"auth","message":"denied"}');
  });
});

describe('assertRejects', () => {
  it('returns the error when it has the fields and the class', async () => {
    const error = new DriverError('duplicate key', '23505');
    await expect(assertRejects(Promise.reject(error), { sqlState: '23505' }, 'x', DriverError)).resolves.toBe(error);
  });

  it('fails for a promise that resolves, an error of another class, or other fields', async () => {
    await expect(assertRejects(Promise.resolve({ ok: 1 }), {}, 'select')).rejects.toThrow(
      'select: expected a rejection, got {"ok":1}',
    );
    await expect(assertRejects(Promise.reject(new Error('boom')), {}, 'x', DriverError)).rejects.toThrow(
      'x: expected a DriverError, got Error: boom',
    );
    await expect(
      assertRejects(Promise.reject(new DriverError('m', '42P01')), { sqlState: '23505' }, 'x'),
    ).rejects.toThrow('expected {"sqlState":"23505"}');
  });
});

describe('assertJsonEqual', () => {
  it('compares values as JSON carries them', () => {
    expect(() => assertJsonEqual({ rows: [], skipped: undefined }, { rows: [] }, 'x')).not.toThrow();
    expect(() => assertJsonEqual({ total: '100' }, { total: 100 }, 'x')).toThrow();
  });
});
