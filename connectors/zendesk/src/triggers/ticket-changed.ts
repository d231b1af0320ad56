import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callZendesk } from '../client.js';
import { type Ticket, ticket, toTicket, type ZendeskTicket } from '../tickets.js';

/** Zendesk refuses an export start_time less than a minute old. */
const MIN_AGE_S = 61;
/** Where the first poll starts: it only records what it finds. */
const FIRST_LOOKBACK_S = 3600;

interface ExportPage {
  tickets: ZendeskTicket[];
  next_page: string | null;
  end_of_stream: boolean;
  end_time: number;
}

/**
 * The time-based incremental ticket export (GET /api/v2/incremental/tickets.json?start_time=…): every
 * ticket changed since a time, in order of change, not subject to the search index's delay. Dedupe by
 * updated_at, so a ticket is emitted again each time it changes.
 */
export const ticketChanged = defineTrigger({
  kind: 'polling',
  key: 'tickets.changed',
  title: 'New or updated ticket',
  description:
    'Starts a workflow when a Zendesk Support ticket is created or changes (incremental ticket export; the connection’s user must be an admin).',
  auth,
  input: Type.Object({
    onlyNew: Type.Boolean({ default: false, description: 'Emit only newly created tickets, not updates.' }),
    maxPages: Type.Integer({
      minimum: 1,
      maximum: 20,
      default: 5,
      description: 'Export pages (up to 1000 tickets each) read per poll; the rest waits for the next poll.',
    }),
  }),
  output: Type.Composite([
    ticket,
    Type.Object({ isNew: Type.Boolean({ description: 'Whether the ticket was created rather than updated.' }) }),
  ]),
  dedupe: { by: 'timestamp', field: 'updated_at' },
  examples: [
    { title: 'Every ticket change', input: {} },
    { title: 'New tickets only', input: { onlyNew: true } },
  ],
  async poll({ input, auth, ctx, since }) {
    const now = Math.floor(Date.now() / 1000);
    const from = since === undefined ? now - FIRST_LOOKBACK_S : Math.floor(Date.parse(since) / 1000);
    const startTime = Math.min(from, now - MIN_AGE_S);
    // Each next_page starts at the previous page's last time, so a ticket can come twice: keep its latest.
    const changed = new Map<number, Ticket>();
    await callZendesk(auth, ctx, async (http) => {
      let path = `/incremental/tickets.json?start_time=${startTime}`;
      for (let page = 0; page < input.maxPages; page++) {
        const { data } = await http.get<ExportPage>(path);
        for (const found of data.tickets) {
          changed.delete(found.id);
          changed.set(found.id, toTicket(found));
        }
        if (data.end_of_stream || !data.next_page) break;
        path = data.next_page;
      }
    });
    return [...changed.values()]
      .map((t) => ({ ...t, isNew: t.created_at === t.updated_at }))
      .filter((t) => !input.onlyNew || t.isNew);
  },
});
