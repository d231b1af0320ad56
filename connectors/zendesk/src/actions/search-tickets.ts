import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callZendesk } from '../client.js';
import { type Ticket, ticket, toTicket, type ZendeskTicket } from '../tickets.js';

/** The search API's largest page. */
const PER_PAGE = 100;

/** GET /api/v2/search.json?query=type:ticket …, page by page. */
export const searchTickets = defineAction({
  key: 'tickets.search',
  title: 'Search tickets',
  description:
    'Finds Zendesk Support tickets with Zendesk’s search syntax (status:open, requester:ada@example.com, tags:vip, updated>2026-01-01, free text), paging through the results.',
  auth,
  input: Type.Object({
    query: Type.String({
      minLength: 1,
      description: 'Search terms in Zendesk’s syntax; `type:ticket` is added, so only tickets come back.',
    }),
    sort_by: Type.Optional(
      Type.Union(
        ['updated_at', 'created_at', 'priority', 'status', 'ticket_type'].map((s) => Type.Literal(s)),
        { description: 'Sort field; relevance without it.' },
      ),
    ),
    sort_order: Type.Optional(
      Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Sort direction.' }),
    ),
    maxResults: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Most tickets to return; the search API stops at 1000.',
    }),
  }),
  output: Type.Object({
    tickets: Type.Array(ticket, { description: 'Matching tickets.' }),
    count: Type.Integer({ description: 'How many tickets match in all.' }),
  }),
  examples: [
    {
      title: 'Open urgent tickets, newest change first',
      input: { query: 'status:open priority:urgent', sort_by: 'updated_at', sort_order: 'desc', maxResults: 50 },
    },
  ],
  async run({ input, auth, ctx }) {
    return callZendesk(auth, ctx, async (http) => {
      const tickets: Ticket[] = [];
      let count = 0;
      const pages = http.paginate<
        ZendeskTicket & { result_type?: string },
        { results: ZendeskTicket[]; count: number }
      >({
        path: '/search.json',
        query: { query: `type:ticket ${input.query}`, sort_by: input.sort_by, sort_order: input.sort_order },
        maxPages: Math.ceil(input.maxResults / PER_PAGE),
        strategy: {
          type: 'page',
          pageParam: 'page',
          sizeParam: 'per_page',
          size: PER_PAGE,
          items: (response) => {
            count = response.data.count;
            return response.data.results;
          },
        },
      });
      for await (const found of pages) {
        tickets.push(toTicket(found));
        if (tickets.length >= input.maxResults) break;
      }
      return { tickets, count };
    });
  },
});
