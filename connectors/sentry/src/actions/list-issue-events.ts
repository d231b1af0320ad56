import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { nextCursor, withSentry } from '../client.js';
import { cursorField, eventSchema, issueIdField, toEvent } from '../schemas.js';

export const listIssueEvents = defineAction({
  auth,
  key: 'issues.events.list',
  title: 'List an issue’s events',
  description:
    'Lists the events (occurrences) of an issue, newest first, with their tags and user, one page at a time.',
  input: Type.Object({
    issueId: issueIdField,
    query: Type.Optional(
      Type.String({ minLength: 1, description: 'Sentry search on the events, e.g. browser.name:Chrome' }),
    ),
    environments: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Only events in these environments' }),
    ),
    statsPeriod: Type.Optional(
      Type.String({ pattern: '^[0-9]+[mhdw]$', description: 'Only events in this window, e.g. 24h or 7d' }),
    ),
    cursor: cursorField,
  }),
  output: Type.Object({
    events: Type.Array(eventSchema, { description: 'Events on this page' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Cursor of the next page, or null on the last',
    }),
  }),
  examples: [{ input: { issueId: '4021', environments: ['production'] } }],
  async run({ input, auth, ctx }) {
    const response = await withSentry(auth, ctx, (http) =>
      http.get(`/issues/${input.issueId}/events/`, {
        query: {
          query: input.query,
          environment: input.environments,
          statsPeriod: input.statsPeriod,
          cursor: input.cursor,
        },
      }),
    );
    return {
      events: Array.isArray(response.data) ? response.data.map(toEvent) : [],
      nextCursor: nextCursor(response.headers.link),
    };
  },
});
