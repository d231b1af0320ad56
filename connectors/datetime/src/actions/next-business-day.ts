import { defineAction, Type } from '@mova/sdk';
import { DateTime } from 'luxon';
import { auth } from '../auth.js';
import { addBusinessDays } from '../business-days.js';
import { describeDate, readDate } from '../dates.js';
import { invalidInput } from '../errors.js';
import { dateField, dateTimeOutput, zoneField } from '../schemas.js';

export const nextBusinessDay = defineAction({
  auth,
  key: 'businessDays.add',
  title: 'Next business day',
  description:
    'Finds the next business day after a date, or counts several business days forward or back, skipping weekends and a list of holidays; keeps the time of day. With days 0 it keeps a business day and rolls a weekend day or holiday forward.',
  input: Type.Object({
    date: dateField('The date to count from'),
    days: Type.Integer({
      minimum: -3650,
      maximum: 3650,
      default: 1,
      description:
        'Business days to move: 1 (default) is the next business day, 5 a working week later, -1 the previous one, 0 rolls forward only if needed',
    }),
    holidays: Type.Array(Type.String({ format: 'date' }), {
      default: [],
      maxItems: 5000,
      description: 'Dates that are not worked, as yyyy-MM-dd in the zone, e.g. ["2024-12-25", "2024-12-26"]',
    }),
    weekend: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
      default: [6, 7],
      maxItems: 6,
      uniqueItems: true,
      description:
        'ISO weekdays that are not worked: [6, 7] (Saturday and Sunday, default), [5, 6] for Friday and Saturday',
    }),
    zone: zoneField('Zone whose calendar days count'),
  }),
  output: Type.Object({
    ...dateTimeOutput.properties,
    skipped: Type.Array(Type.String(), { description: 'Weekend days and holidays passed over, yyyy-MM-dd' }),
  }),
  examples: [
    { title: 'Friday to Monday', input: { date: '2024-05-03T09:30:00Z' } },
    {
      title: 'Three business days over Christmas',
      input: { date: '2024-12-24', days: 3, holidays: ['2024-12-25', '2024-12-26'], zone: 'Europe/London' },
    },
  ],
  async run({ input, ctx }) {
    for (const holiday of input.holidays) {
      if (!DateTime.fromISO(holiday).isValid) {
        throw invalidInput(`the holiday "${holiday}" is not a date`, ctx.actionKey, 'Write holidays as yyyy-MM-dd.');
      }
    }
    const start = readDate(input.date, input.zone, ctx.actionKey);
    const { date, skipped } = addBusinessDays(start, input.days, { weekend: input.weekend, holidays: input.holidays });
    return { ...describeDate(date), skipped };
  },
});
