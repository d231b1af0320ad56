import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { pageUrl, withTwilio } from '../client.js';
import { addressField, callOf, callSchema, nextPageField, nextPageOf, pageField, pageSizeField } from '../schemas.js';

export const listCalls = defineAction({
  auth,
  key: 'calls.list',
  title: 'List calls',
  description:
    'Lists the calls of the account, newest first, optionally by number, status or start time; pages with nextPage.',
  input: Type.Object({
    to: Type.Optional(addressField('Only calls to this number')),
    from: Type.Optional(addressField('Only calls from this number')),
    status: Type.Optional(
      Type.Union(
        [
          Type.Literal('queued'),
          Type.Literal('ringing'),
          Type.Literal('in-progress'),
          Type.Literal('canceled'),
          Type.Literal('completed'),
          Type.Literal('failed'),
          Type.Literal('busy'),
          Type.Literal('no-answer'),
        ],
        { description: 'Only calls in this status' },
      ),
    ),
    startedAfter: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only calls started at or after this time' }),
    ),
    pageSize: pageSizeField,
    page: pageField,
  }),
  output: Type.Object({
    calls: Type.Array(callSchema, { description: 'Calls on this page, newest first' }),
    nextPage: nextPageField,
  }),
  examples: [{ title: 'Missed calls', input: { to: '+15017122661', status: 'no-answer', pageSize: 20 } }],
  async run({ input, auth, ctx }) {
    const page = await withTwilio(auth, ctx, (client) =>
      input.page
        ? client.calls.getPage(pageUrl(input.page, auth.accountSid, 'Calls', ctx.actionKey))
        : client.calls.page({
            pageSize: input.pageSize,
            ...(input.to ? { to: input.to } : {}),
            ...(input.from ? { from: input.from } : {}),
            ...(input.status ? { status: input.status } : {}),
            ...(input.startedAfter ? { startTimeAfter: new Date(input.startedAfter) } : {}),
          }),
    );
    return { calls: page.instances.map(callOf), nextPage: nextPageOf(page.nextPageUrl) };
  },
});
