import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { describeDate, readDate, readZone } from '../dates.js';
import { dateField, dateTimeOutput, zoneField } from '../schemas.js';

export const convertZone = defineAction({
  auth,
  key: 'convert',
  title: 'Convert a date to another time zone',
  description:
    'Shows the same instant in another time zone (14:00 in Berlin is 08:00 in New York), or with keepLocalTime the same wall-clock time in another zone (a 09:00 meeting moved from Berlin to New York).',
  input: Type.Object({
    date: dateField('The date to convert'),
    toZone: Type.String({ minLength: 1, description: 'Zone to convert to, e.g. "America/New_York", "UTC" or "UTC-3"' }),
    fromZone: zoneField('Zone of text without an offset'),
    keepLocalTime: Type.Boolean({
      default: false,
      description: 'Keep the wall-clock time and change the instant, instead of keeping the instant (default)',
    }),
  }),
  output: dateTimeOutput,
  examples: [
    {
      title: 'Berlin to New York',
      input: { date: '2024-05-01T14:00', fromZone: 'Europe/Berlin', toZone: 'America/New_York' },
    },
    {
      title: 'The same wall-clock time elsewhere',
      input: { date: '2024-05-01T09:00', fromZone: 'Europe/Berlin', toZone: 'America/New_York', keepLocalTime: true },
    },
  ],
  async run({ input, ctx }) {
    const date = readDate(input.date, input.fromZone, ctx.actionKey);
    return describeDate(date.setZone(readZone(input.toZone, ctx.actionKey), { keepLocalTime: input.keepLocalTime }));
  },
});
