import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { sendgridRequest } from '../client.js';

interface ListsPage {
  result?: { id: string; name: string; contact_count?: number }[];
  _metadata?: { next?: string };
}

export const listLists = defineAction({
  auth,
  key: 'lists.list',
  title: 'List contact lists',
  description:
    'Lists the Marketing Campaigns contact lists with their IDs (for contacts.upsert) and sizes (GET /v3/marketing/lists); pages with pageToken.',
  input: Type.Object({
    pageSize: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Lists per page (default 100, at most 1000)',
    }),
    pageToken: Type.Optional(Type.String({ minLength: 1, description: 'nextPageToken of the previous answer' })),
  }),
  output: Type.Object({
    lists: Type.Array(
      Type.Object({
        id: Type.String({ description: 'List ID (a UUID)' }),
        name: Type.String({ description: 'List name' }),
        contactCount: Type.Integer({ description: 'Contacts on it' }),
      }),
      { description: 'Lists on this page' },
    ),
    nextPageToken: Type.Union([Type.String(), Type.Null()], {
      description: 'Give it as pageToken for the next page; null on the last',
    }),
  }),
  examples: [{ title: 'All lists', input: { pageSize: 100 } }],
  async run({ input, auth, ctx }) {
    const { body } = await sendgridRequest<ListsPage>(auth, ctx, {
      method: 'GET',
      url: '/v3/marketing/lists',
      qs: { page_size: input.pageSize, ...(input.pageToken ? { page_token: input.pageToken } : {}) },
    });
    const next = body._metadata?.next
      ? new URL(body._metadata.next, 'https://api.sendgrid.com').searchParams.get('page_token')
      : null;
    return {
      lists: (body.result ?? []).map((list) => ({
        id: list.id,
        name: list.name,
        contactCount: list.contact_count ?? 0,
      })),
      nextPageToken: next,
    };
  },
});
