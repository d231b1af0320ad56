import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { describeDate, readDate, readDuration, readZone } from './dates.js';

describe('readDate', () => {
  it('reads text without an offset as wall-clock time in the zone', () => {
    expect(readDate('2024-05-01T12:00', 'Europe/Berlin').toISO()).toBe('2024-05-01T12:00:00.000+02:00');
    expect(readDate('2024-05-01', 'UTC').toISO()).toBe('2024-05-01T00:00:00.000Z');
  });

  it('keeps the instant of text with an offset and shows it in the zone', () => {
    expect(readDate('2024-05-01T12:00:00Z', 'Europe/Berlin').toISO()).toBe('2024-05-01T14:00:00.000+02:00');
  });

  it('reads epoch milliseconds and the RFC 2822, HTTP and SQL forms', () => {
    expect(readDate(1714557600000, 'UTC').toISO()).toBe('2024-05-01T10:00:00.000Z');
    expect(readDate('Wed, 01 May 2024 10:00:00 +0000', 'UTC').toMillis()).toBe(1714557600000);
    expect(readDate('2024-05-01 10:00:00', 'UTC').toMillis()).toBe(1714557600000);
  });

  it('refuses what is no date, naming the field', () => {
    expect(() => readDate('soon', 'UTC', 'add', 'start')).toThrow(/start: "soon" is not a date/);
    expect(() => readDate(8.64e15 + 1, 'UTC')).toThrow(ConnectorError);
  });
});

describe('readZone', () => {
  it('accepts IANA names, UTC and fixed offsets and refuses the rest as invalid input', () => {
    expect(readZone('America/New_York').name).toBe('America/New_York');
    expect(readZone('utc').name).toBe('UTC');
    expect(readZone('UTC+5:30').name).toBe('UTC+5:30');
    expect(() => readZone('Europe/Atlantis', 'now')).toThrow(
      expect.objectContaining({ kind: 'invalid_input', actionKey: 'now' }),
    );
  });
});

describe('readDuration', () => {
  it('reads ISO 8601 and amounts by unit', () => {
    expect(readDuration('P1DT2H').toObject()).toEqual({ days: 1, hours: 2 });
    expect(readDuration({ weeks: 2, days: undefined }).toObject()).toEqual({ weeks: 2 });
    expect(() => readDuration('2 days')).toThrow(/not ISO 8601/);
  });
});

describe('describeDate', () => {
  it('gives every form of one instant', () => {
    expect(describeDate(readDate('2024-12-31T23:45', 'America/Sao_Paulo'))).toEqual({
      iso: '2024-12-31T23:45:00.000-03:00',
      utc: '2025-01-01T02:45:00.000Z',
      date: '2024-12-31',
      time: '23:45:00.000',
      zone: 'America/Sao_Paulo',
      offsetMinutes: -180,
      epochMillis: 1735699500000,
      epochSeconds: 1735699500,
      year: 2024,
      month: 12,
      day: 31,
      hour: 23,
      minute: 45,
      second: 0,
      millisecond: 0,
      weekday: 2,
      weekdayName: 'Tuesday',
      isoWeek: 1,
      quarter: 4,
      dayOfYear: 366,
    });
  });
});
