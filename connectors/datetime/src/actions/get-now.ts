import { defineAction, Type } from '@mova/sdk';
import { DateTime } from 'luxon';
import { auth } from '../auth.js';
import { describeDate, readZone } from '../dates.js';
import { dateTimeOutput, zoneField } from '../schemas.js';

export const getNow = defineAction({
  auth,
  key: 'now',
  title: 'Get the current date and time',
  description: 'Gives the current instant in a time zone, with its ISO form, epoch time and calendar parts.',
  input: Type.Object({ zone: zoneField('Zone to express the current time in') }),
  output: dateTimeOutput,
  examples: [{ title: 'The time in Berlin', input: { zone: 'Europe/Berlin' } }],
  async run({ input, ctx }) {
    return describeDate(DateTime.now().setZone(readZone(input.zone, ctx.actionKey)));
  },
});
