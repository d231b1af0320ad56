import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { describeDate, readDate, readDuration } from '../dates.js';
import { toConnectorError } from '../errors.js';
import { dateField, dateTimeOutput, durationField, zoneField } from '../schemas.js';

export const addDuration = defineAction({
  auth,
  key: 'add',
  title: 'Add time to a date',
  description:
    'Adds a duration to a date: years, months, weeks and days follow the calendar in the zone (a month from 31 January is the last day of February; a day across a daylight-saving change keeps the wall-clock time), hours and smaller units are exact elapsed time.',
  input: Type.Object({
    date: dateField('The date to start from'),
    duration: durationField,
    zone: zoneField('Zone the calendar arithmetic happens in'),
  }),
  output: dateTimeOutput,
  examples: [
    {
      title: 'One day across the spring daylight-saving change in Berlin',
      input: { date: '2024-03-30T12:00', duration: { days: 1 }, zone: 'Europe/Berlin' },
    },
    { title: 'An ISO 8601 duration', input: { date: '2024-01-31', duration: 'P1M' } },
  ],
  async run({ input, ctx }) {
    try {
      const date = readDate(input.date, input.zone, ctx.actionKey);
      return describeDate(date.plus(readDuration(input.duration, ctx.actionKey)));
    } catch (error) {
      throw toConnectorError(error, ctx.actionKey);
    }
  },
});
