import { defineAction, Type } from '@mova/sdk';
import { DateTime, type DateTimeFormatOptions } from 'luxon';
import { auth } from '../auth.js';
import { readDate } from '../dates.js';
import { invalidInput } from '../errors.js';
import { dateField, localeField, zoneField } from '../schemas.js';

/** Named forms; anything else is a Luxon format string. */
const NAMED: Record<string, (date: DateTime) => string> = {
  iso: (date) => date.toISO() ?? '',
  isoDate: (date) => date.toISODate() ?? '',
  isoTime: (date) => date.toISOTime() ?? '',
  rfc2822: (date) => date.toRFC2822() ?? '',
  http: (date) => date.toHTTP() ?? '',
  sql: (date) => date.toSQL({ includeOffset: false }) ?? '',
  unixSeconds: (date) => String(Math.floor(date.toSeconds())),
  unixMillis: (date) => String(date.toMillis()),
};

/** Luxon's locale-aware presets, by their Luxon names. */
const PRESETS: Record<string, DateTimeFormatOptions> = {
  DATE_SHORT: DateTime.DATE_SHORT,
  DATE_MED: DateTime.DATE_MED,
  DATE_MED_WITH_WEEKDAY: DateTime.DATE_MED_WITH_WEEKDAY,
  DATE_FULL: DateTime.DATE_FULL,
  DATE_HUGE: DateTime.DATE_HUGE,
  TIME_SIMPLE: DateTime.TIME_SIMPLE,
  TIME_WITH_SECONDS: DateTime.TIME_WITH_SECONDS,
  TIME_24_SIMPLE: DateTime.TIME_24_SIMPLE,
  DATETIME_SHORT: DateTime.DATETIME_SHORT,
  DATETIME_MED: DateTime.DATETIME_MED,
  DATETIME_FULL: DateTime.DATETIME_FULL,
  DATETIME_HUGE: DateTime.DATETIME_HUGE,
};

export const formatDate = defineAction({
  auth,
  key: 'format',
  title: 'Format a date',
  description:
    'Writes a date as text: a Luxon format string such as "dd.MM.yyyy HH:mm" or "cccc, d LLLL", a named form (iso, isoDate, isoTime, rfc2822, http, sql, unixSeconds, unixMillis) or a locale-aware preset (DATE_FULL, DATETIME_MED, ...), in a time zone and locale.',
  input: Type.Object({
    date: dateField('The date to format'),
    format: Type.String({
      minLength: 1,
      description:
        'A Luxon format string (yyyy year, MM month, dd day, HH hour, mm minute, ss second, cccc weekday, LLLL month name, ZZ offset; text in single quotes), a named form (iso, isoDate, isoTime, rfc2822, http, sql, unixSeconds, unixMillis), or a Luxon preset (DATE_SHORT, DATE_MED, DATE_FULL, DATE_HUGE, TIME_SIMPLE, DATETIME_SHORT, DATETIME_MED, DATETIME_FULL, ...)',
    }),
    zone: zoneField('Zone to show the date in'),
    locale: localeField,
  }),
  output: Type.Object({
    formatted: Type.String({ description: 'The date as text' }),
    iso: Type.String({ description: 'The date formatted, in ISO 8601 in the same zone' }),
  }),
  examples: [
    {
      title: 'European style in Berlin time',
      input: { date: '2024-05-01T10:00:00Z', format: 'dd.MM.yyyy HH:mm', zone: 'Europe/Berlin' },
      output: { formatted: '01.05.2024 12:00', iso: '2024-05-01T12:00:00.000+02:00' },
    },
    {
      title: 'A long French date',
      input: { date: '2024-05-01', format: 'cccc d LLLL yyyy', locale: 'fr' },
      output: { formatted: 'mercredi 1 mai 2024', iso: '2024-05-01T00:00:00.000Z' },
    },
    {
      title: 'A locale preset',
      input: { date: '2024-05-01T15:30:00Z', format: 'DATETIME_MED', zone: 'America/New_York' },
      output: { formatted: 'May 1, 2024, 11:30 AM', iso: '2024-05-01T11:30:00.000-04:00' },
    },
  ],
  async run({ input, ctx }) {
    const date = readDate(input.date, input.zone, ctx.actionKey).setLocale(input.locale);
    if (!date.isValid) throw invalidInput(`the locale "${input.locale}" is not known`, ctx.actionKey);
    const named = NAMED[input.format];
    const preset = PRESETS[input.format];
    const formatted = named ? named(date) : preset ? date.toLocaleString(preset) : date.toFormat(input.format);
    return { formatted, iso: date.toISO() ?? '' };
  },
});
