import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { pageUrl, withTwilio } from '../client.js';
import {
  addressField,
  messageOf,
  messageSchema,
  nextPageField,
  nextPageOf,
  pageField,
  pageSizeField,
} from '../schemas.js';

export const listMessages = defineAction({
  auth,
  key: 'messages.list',
  title: 'List messages',
  description:
    'Lists the messages of the account, newest first, optionally only those to or from a number or sent in a time range; pages with nextPage.',
  input: Type.Object({
    to: Type.Optional(addressField('Only messages to this number, e.g. your Twilio number for inbound ones')),
    from: Type.Optional(addressField('Only messages from this number')),
    sentAfter: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only messages sent at or after this time' }),
    ),
    sentBefore: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only messages sent at or before this time' }),
    ),
    pageSize: pageSizeField,
    page: pageField,
  }),
  output: Type.Object({
    messages: Type.Array(messageSchema, { description: 'Messages on this page, newest first' }),
    nextPage: nextPageField,
  }),
  examples: [
    {
      title: 'Messages to our number today',
      input: { to: '+15017122661', sentAfter: '2025-03-04T00:00:00Z', pageSize: 20 },
    },
  ],
  async run({ input, auth, ctx }) {
    const page = await withTwilio(auth, ctx, (client) =>
      input.page
        ? client.messages.getPage(pageUrl(input.page, auth.accountSid, 'Messages', ctx.actionKey))
        : client.messages.page({
            pageSize: input.pageSize,
            ...(input.to ? { to: input.to } : {}),
            ...(input.from ? { from: input.from } : {}),
            ...(input.sentAfter ? { dateSentAfter: new Date(input.sentAfter) } : {}),
            ...(input.sentBefore ? { dateSentBefore: new Date(input.sentBefore) } : {}),
          }),
    );
    return { messages: page.instances.map(messageOf), nextPage: nextPageOf(page.nextPageUrl) };
  },
});
