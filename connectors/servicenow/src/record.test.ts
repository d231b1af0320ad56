import { describe, expect, it } from 'vitest';
import { fieldValue, isoTime } from './record.js';

describe('isoTime', () => {
  it('reads the API’s UTC timestamps as ISO 8601', () => {
    expect(isoTime('2026-01-02 10:00:00')).toBe('2026-01-02T10:00:00Z');
    expect(isoTime('')).toBeNull();
    expect(isoTime('01/02/2026 10:00')).toBeNull();
  });
});

describe('fieldValue', () => {
  it('reads stored values with or without display values', () => {
    expect(fieldValue({ state: '2' }, 'state')).toBe('2');
    expect(fieldValue({ state: { value: '2', display_value: 'In Progress' } }, 'state')).toBe('2');
    expect(fieldValue({}, 'state')).toBe('');
  });
});
