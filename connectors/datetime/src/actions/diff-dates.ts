import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { readDate } from '../dates.js';
import { dateField, UNITS, unitField, zoneField } from '../schemas.js';

export const diffDates = defineAction({
  auth,
  key: 'difference',
  title: 'Time between two dates',
  description:
    'Measures the time from a start date to an end date in the units you pick, e.g. months and days, or total hours. Calendar units follow the calendar in the zone; the smallest unit keeps a fraction. Negative when the end is before the start.',
  input: Type.Object({
    start: dateField('Start date'),
    end: dateField('End date'),
    units: Type.Array(unitField, {
      minItems: 1,
      uniqueItems: true,
      default: ['days'],
      description: 'Units to break the difference into, e.g. ["months", "days"] or ["hours"] (default ["days"])',
    }),
    zone: zoneField('Zone for calendar units (days, months) and for text without an offset'),
  }),
  output: Type.Object({
    values: Type.Record(Type.String(), Type.Number(), {
      description: 'The difference by unit, e.g. { "months": 2, "days": 14.27 }; only the smallest unit has a fraction',
    }),
    iso: Type.String({ description: 'The difference as an ISO 8601 duration, e.g. P2M14DT6.5H' }),
    milliseconds: Type.Number({ description: 'Total elapsed milliseconds from start to end' }),
  }),
  examples: [
    {
      title: 'Months, days and hours',
      input: { start: '2024-01-01T00:00:00Z', end: '2024-03-15T06:30:00Z', units: ['months', 'days', 'hours'] },
      output: { values: { months: 2, days: 14, hours: 6.5 }, iso: 'P2M14DT6.5H', milliseconds: 6417000000 },
    },
    {
      title: 'Whole days to a deadline',
      input: { start: '2024-05-01', end: '2024-05-31' },
      output: { values: { days: 30 }, iso: 'P30D', milliseconds: 2592000000 },
    },
  ],
  async run({ input, ctx }) {
    const start = readDate(input.start, input.zone, ctx.actionKey, 'start');
    const end = readDate(input.end, input.zone, ctx.actionKey, 'end');
    // Luxon wants units largest first to break a difference down; the order given should not matter.
    const units = UNITS.filter((unit) => input.units.includes(unit));
    const diff = end.diff(start, units);
    const values: Record<string, number> = {};
    for (const unit of units) values[unit] = diff.get(unit);
    return { values, iso: diff.toISO() ?? '', milliseconds: end.toMillis() - start.toMillis() };
  },
});
