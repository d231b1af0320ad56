import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { describeDate, readDate } from '../dates.js';
import { dateField, dateTimeOutput, zoneField } from '../schemas.js';

const PERIODS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

export const roundDate = defineAction({
  auth,
  key: 'round',
  title: 'Start or end of a period',
  description:
    'Moves a date to the start or the end of its year, quarter, month, ISO week (Monday to Sunday), day, hour, minute or second in the zone, e.g. the first and last moment of this month for a report.',
  input: Type.Object({
    date: dateField('The date to round'),
    period: Type.Union(
      PERIODS.map((period) => Type.Literal(period)),
      { description: 'The period: year, quarter, month, week (ISO, from Monday), day, hour, minute or second' },
    ),
    to: Type.Union([Type.Literal('start'), Type.Literal('end')], {
      default: 'start',
      description: 'start (default): its first millisecond; end: its last millisecond',
    }),
    zone: zoneField('Zone the period is taken in'),
  }),
  output: dateTimeOutput,
  examples: [
    { title: 'End of the month', input: { date: '2024-02-10T08:00:00Z', period: 'month', to: 'end' } },
    {
      title: 'Monday of the week in Sydney',
      input: { date: '2024-05-01T10:00:00Z', period: 'week', zone: 'Australia/Sydney' },
    },
  ],
  async run({ input, ctx }) {
    const date = readDate(input.date, input.zone, ctx.actionKey);
    return describeDate(input.to === 'start' ? date.startOf(input.period) : date.endOf(input.period));
  },
});
