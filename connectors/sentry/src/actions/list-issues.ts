import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { nextCursor, withSentry } from '../client.js';
import { cursorField, issueSchema, toIssue } from '../schemas.js';

export const listIssues = defineAction({
  auth,
  key: 'issues.list',
  title: 'List issues',
  description:
    "Searches the organization's issues with Sentry's search syntax (e.g. is:unresolved level:error), optionally in some projects and environments, one page at a time (cursor paging).",
  input: Type.Object({
    query: Type.String({
      default: 'is:unresolved',
      description: 'Sentry search, e.g. is:unresolved assigned:me release:1.2.0; default is:unresolved; empty for all',
    }),
    projectIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), {
        description: 'Only issues of these project IDs (all projects when left out)',
      }),
    ),
    environments: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Only events in these environments' }),
    ),
    statsPeriod: Type.Optional(
      Type.String({
        pattern: '^[0-9]+[mhdw]$',
        description: 'Time window of events, e.g. 24h or 14d (Sentry’s default 14d)',
      }),
    ),
    sort: Type.Union(
      [Type.Literal('date'), Type.Literal('new'), Type.Literal('freq'), Type.Literal('user'), Type.Literal('trends')],
      { default: 'date', description: 'date: last seen (default), new: first seen, freq: events, user: users, trends' },
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25, description: 'Issues per page, 1–100 (default 25)' }),
    cursor: cursorField,
  }),
  output: Type.Object({
    issues: Type.Array(issueSchema, { description: 'Issues on this page' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Cursor of the next page, or null on the last',
    }),
  }),
  examples: [
    { title: 'Unresolved errors of the last day', input: { query: 'is:unresolved level:error', statsPeriod: '24h' } },
  ],
  async run({ input, auth, ctx }) {
    const response = await withSentry(auth, ctx, (http) =>
      http.get('/issues/', {
        query: {
          query: input.query,
          project: input.projectIds,
          environment: input.environments,
          statsPeriod: input.statsPeriod,
          sort: input.sort,
          limit: input.limit,
          cursor: input.cursor,
        },
      }),
    );
    return {
      issues: Array.isArray(response.data) ? response.data.map(toIssue) : [],
      nextCursor: nextCursor(response.headers.link),
    };
  },
});
