import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { type GraphPage, nextPageToken, withGraph } from '../client.js';
import { eventOf, eventSchema, type RawEvent } from '../events.js';
import { mailboxField, nextPageTokenField, pageTokenField, root } from '../mailbox.js';

const instant = (description: string) => Type.String({ format: 'date-time', description });

export const listEvents = defineAction({
  auth,
  key: 'events.list',
  title: 'List calendar events',
  description:
    'Lists the events between two instants in the mailbox’s default calendar (calendarView), recurring events expanded into their occurrences, earliest first, a page at a time.',
  input: Type.Object({
    startDateTime: instant('Start of the window, ISO 8601 with offset, e.g. 2026-12-07T00:00:00Z'),
    endDateTime: instant('End of the window'),
    timeZone: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Time zone to give start and end in (Prefer: outlook.timezone); default UTC',
      }),
    ),
    top: Type.Integer({ minimum: 1, maximum: 100, default: 50, description: 'Events per page, 1–100 (default 50)' }),
    pageToken: pageTokenField,
    mailbox: mailboxField,
  }),
  output: Type.Object({
    events: Type.Array(eventSchema, { description: 'Events of this page, earliest first' }),
    nextPageToken: nextPageTokenField,
  }),
  examples: [
    {
      input: { startDateTime: '2026-12-07T00:00:00Z', endDateTime: '2026-12-14T00:00:00Z', timeZone: 'Europe/Berlin' },
    },
  ],
  async run({ input, auth, ctx }) {
    const page: GraphPage<RawEvent> = await withGraph(auth, ctx, (graph) => {
      const request = graph
        .api(`${root(input.mailbox)}/calendarView`)
        .header('Prefer', `outlook.timezone="${input.timeZone ?? 'UTC'}"`);
      if (input.pageToken) return request.query(input.pageToken).get();
      return request
        .query({ startDateTime: input.startDateTime, endDateTime: input.endDateTime })
        .top(input.top)
        .orderby('start/dateTime')
        .get();
    });
    const next = nextPageToken(page);
    return { events: page.value.map(eventOf), ...(next ? { nextPageToken: next } : {}) };
  },
});
