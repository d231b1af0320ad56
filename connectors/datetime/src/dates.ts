import { DateTime, Duration, Info, type Zone } from 'luxon';
import { invalidInput } from './errors.js';

/** A date as a step gives it: ISO 8601 (or RFC 2822, HTTP, SQL) text, or Unix epoch milliseconds. */
export type DateValue = string | number;

/**
 * The zone a name stands for: an IANA name (`Europe/Berlin`), `UTC`, or a fixed offset (`UTC+2`,
 * `UTC-05:30`). Refuses what Luxon does not know, instead of computing in an invalid zone.
 */
export function readZone(name: string, actionKey?: string): Zone {
  const zone = Info.normalizeZone(name);
  if (!zone?.isValid) {
    throw invalidInput(
      `the time zone "${name}" is not known`,
      actionKey,
      'Use an IANA zone name such as "Europe/Berlin" or "America/New_York", "UTC", or a fixed offset such as "UTC+2".',
    );
  }
  return zone;
}

/**
 * Reads a date. Text with an offset (`Z`, `+02:00`) names that instant; text without one is read
 * as wall-clock time in `zone`. Either way the result is expressed in `zone`.
 * @example readDate('2024-05-01T12:00', 'Europe/Berlin').toISO() // '2024-05-01T12:00:00.000+02:00'
 * @example readDate(1714557600000, 'UTC').toISO() // '2024-05-01T10:00:00.000Z'
 */
export function readDate(value: DateValue, zoneName: string, actionKey?: string, field = 'date'): DateTime {
  const zone = readZone(zoneName, actionKey);
  if (typeof value === 'number') {
    const date = DateTime.fromMillis(value, { zone });
    if (!date.isValid) throw invalidInput(`${field}: ${value} is outside the range of dates`, actionKey);
    return date;
  }
  const text = value.trim();
  for (const read of [DateTime.fromISO, DateTime.fromRFC2822, DateTime.fromHTTP, DateTime.fromSQL]) {
    const date = read(text, { zone });
    if (date.isValid) return date;
  }
  throw invalidInput(
    `${field}: "${value}" is not a date in ISO 8601, RFC 2822, HTTP or SQL form`,
    actionKey,
    'Give ISO 8601 text such as "2024-05-01", "2024-05-01T14:30:00" or "2024-05-01T14:30:00Z", epoch milliseconds, or use the parse action with a custom format.',
  );
}

/** What every action returns for a date: the instant in several forms and its parts in its zone. */
export function describeDate(date: DateTime) {
  return {
    iso: isoOf(date),
    utc: isoOf(date.toUTC()),
    date: date.toISODate() ?? '',
    time: date.toFormat('HH:mm:ss.SSS'),
    zone: date.zoneName ?? date.zone.name,
    offsetMinutes: date.offset,
    epochMillis: date.toMillis(),
    epochSeconds: Math.floor(date.toSeconds()),
    year: date.year,
    month: date.month,
    day: date.day,
    hour: date.hour,
    minute: date.minute,
    second: date.second,
    millisecond: date.millisecond,
    weekday: date.weekday,
    weekdayName: date.setLocale('en-US').toFormat('cccc'),
    isoWeek: date.weekNumber,
    quarter: date.quarter,
    dayOfYear: date.ordinal,
  };
}

function isoOf(date: DateTime): string {
  return date.toISO() ?? '';
}

/** Reads a duration given as ISO 8601 text or as amounts by unit. */
export function readDuration(value: string | Record<string, number | undefined>, actionKey?: string): Duration {
  if (typeof value === 'string') {
    const duration = Duration.fromISO(value.trim());
    if (!duration.isValid) {
      throw invalidInput(
        `the duration "${value}" is not ISO 8601`,
        actionKey,
        'Write it like "P1D" (a day), "PT90M" (90 minutes) or "P1Y2M3DT4H", or give amounts by unit: { "days": 3 }.',
      );
    }
    return duration;
  }
  const amounts: Record<string, number> = {};
  for (const [unit, amount] of Object.entries(value)) if (amount !== undefined) amounts[unit] = amount;
  return Duration.fromObject(amounts);
}
