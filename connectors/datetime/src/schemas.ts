import { Type } from '@mova/sdk';

export const dateField = (description: string) =>
  Type.Union([Type.String({ minLength: 1 }), Type.Number()], {
    description: `${description}: ISO 8601 text ("2024-05-01", "2024-05-01T14:30:00", "2024-05-01T14:30:00+02:00"), RFC 2822, HTTP or SQL date text, or Unix epoch milliseconds`,
  });

export const zoneField = (description = 'Time zone') =>
  Type.String({
    minLength: 1,
    default: 'UTC',
    description: `${description}: an IANA name such as "Europe/Berlin", "UTC" (default) or a fixed offset such as "UTC+2". Text without an offset is read as wall-clock time in it, and the result is given in it`,
  });

export const localeField = Type.String({
  minLength: 2,
  default: 'en-US',
  description: 'Locale for month and weekday names, e.g. "en-US" (default), "de-DE", "fr", "ja"',
});

/** A date in every form a workflow may want next. */
export const dateTimeOutput = Type.Object({
  iso: Type.String({ description: 'ISO 8601 with the offset of the zone, e.g. 2024-05-01T14:30:00.000+02:00' }),
  utc: Type.String({ description: 'The same instant in UTC, ISO 8601 with Z' }),
  date: Type.String({ description: 'Calendar date in the zone, yyyy-MM-dd' }),
  time: Type.String({ description: 'Wall-clock time in the zone, HH:mm:ss.SSS' }),
  zone: Type.String({ description: 'The zone the date is expressed in' }),
  offsetMinutes: Type.Integer({ description: "The zone's offset from UTC at that instant, in minutes" }),
  epochMillis: Type.Number({ description: 'Unix time in milliseconds' }),
  epochSeconds: Type.Integer({ description: 'Unix time in whole seconds' }),
  year: Type.Integer({ description: 'Year' }),
  month: Type.Integer({ description: 'Month, 1 to 12' }),
  day: Type.Integer({ description: 'Day of the month' }),
  hour: Type.Integer({ description: 'Hour, 0 to 23' }),
  minute: Type.Integer({ description: 'Minute' }),
  second: Type.Integer({ description: 'Second' }),
  millisecond: Type.Integer({ description: 'Millisecond' }),
  weekday: Type.Integer({ description: 'ISO weekday: 1 Monday to 7 Sunday' }),
  weekdayName: Type.String({ description: 'English weekday name, e.g. Wednesday' }),
  isoWeek: Type.Integer({ description: 'ISO 8601 week number' }),
  quarter: Type.Integer({ description: 'Quarter, 1 to 4' }),
  dayOfYear: Type.Integer({ description: 'Day of the year, 1 to 366' }),
});

const amount = (unit: string) => Type.Optional(Type.Number({ description: `Number of ${unit}` }));

export const durationField = Type.Union(
  [
    Type.String({ minLength: 2, description: 'An ISO 8601 duration, e.g. "P1D", "PT90M", "P1Y2M3DT4H"' }),
    Type.Object(
      {
        years: amount('years'),
        quarters: amount('quarters'),
        months: amount('months'),
        weeks: amount('weeks'),
        days: amount('days'),
        hours: amount('hours'),
        minutes: amount('minutes'),
        seconds: amount('seconds'),
        milliseconds: amount('milliseconds'),
      },
      { additionalProperties: false, minProperties: 1, description: 'Amounts by unit, e.g. { "days": 3, "hours": 2 }' },
    ),
  ],
  {
    description:
      'How much time: an ISO 8601 duration ("P3DT2H") or amounts by unit ({ "days": 3, "hours": 2 }). Days, weeks, months and years follow the calendar in the zone (a day across a daylight-saving change keeps the wall-clock time)',
  },
);

export const UNITS = [
  'years',
  'quarters',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
] as const;
export const unitField = Type.Union(
  UNITS.map((unit) => Type.Literal(unit)),
  { description: 'A unit of time' },
);
