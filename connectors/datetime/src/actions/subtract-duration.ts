import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { describeDate, readDate, readDuration } from '../dates.js';
import { toConnectorError } from '../errors.js';
import { dateField, dateTimeOutput, durationField, zoneField } from '../schemas.js';

export const subtractDuration = defineAction({
  auth,
  key: 'subtract',
  title: 'Subtract time from a date',
  description:
    'Subtracts a duration from a date, with the same calendar rules as add: months and days follow the calendar in the zone, hours and smaller units are exact elapsed time.',
  input: Type.Object({
    date: dateField('The date to start from'),
    duration: durationField,
    zone: zoneField('Zone the calendar arithmetic happens in'),
  }),
  output: dateTimeOutput,
  examples: [
    { title: 'Thirty days before a due date', input: { date: '2024-05-31T17:00:00Z', duration: { days: 30 } } },
    { title: 'Ninety minutes earlier', input: { date: '2024-05-01T10:00:00Z', duration: 'PT90M' } },
  ],
  async run({ input, ctx }) {
    try {
      const date = readDate(input.date, input.zone, ctx.actionKey);
      return describeDate(date.minus(readDuration(input.duration, ctx.actionKey)));
    } catch (error) {
      throw toConnectorError(error, ctx.actionKey);
    }
  },
});
