import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callZendesk } from '../client.js';
import { ticket, toTicket, type ZendeskTicket } from '../tickets.js';

/** GET /api/v2/tickets/{ticket_id}.json */
export const getTicket = defineAction({
  key: 'tickets.get',
  title: 'Get a ticket',
  description: 'Reads one Zendesk Support ticket by its ID.',
  auth,
  input: Type.Object({ id: Type.Integer({ minimum: 1, description: 'Ticket ID.' }) }),
  output: ticket,
  examples: [{ title: 'Get ticket 35436', input: { id: 35436 } }],
  async run({ input, auth, ctx }) {
    const { data } = await callZendesk(auth, ctx, (http) =>
      http.get<{ ticket: ZendeskTicket }>(`/tickets/${input.id}.json`),
    );
    return toTicket(data.ticket);
  },
});
