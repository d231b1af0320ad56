import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callZendesk } from '../client.js';
import { customFields, priority, status, ticket, ticketType, toTicket, type ZendeskTicket } from '../tickets.js';

/** PUT /api/v2/tickets/{ticket_id}.json */
export const updateTicket = defineAction({
  key: 'tickets.update',
  title: 'Update a ticket',
  description:
    'Changes a Zendesk Support ticket’s status, priority, type, assignee, group, subject, tags or custom fields; fields left out keep their values.',
  auth,
  input: Type.Object({
    id: Type.Integer({ minimum: 1, description: 'Ticket ID.' }),
    subject: Type.Optional(Type.String({ minLength: 1, description: 'New subject line.' })),
    status: Type.Optional(status),
    priority: Type.Optional(priority),
    type: Type.Optional(ticketType),
    assignee_id: Type.Optional(
      Type.Union([Type.Integer(), Type.Null()], { description: 'Agent to assign; null unassigns.' }),
    ),
    group_id: Type.Optional(
      Type.Union([Type.Integer(), Type.Null()], { description: 'Group to assign; null clears it.' }),
    ),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Tags replacing all current tags.' })),
    additional_tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Tags to add.' })),
    remove_tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Tags to remove.' })),
    external_id: Type.Optional(Type.String({ minLength: 1, description: 'ID of the ticket in another system.' })),
    custom_fields: Type.Optional(customFields),
  }),
  output: ticket,
  examples: [
    {
      title: 'Escalate a ticket',
      input: { id: 35436, priority: 'high', status: 'open', additional_tags: ['escalated'] },
    },
  ],
  async run({ input, auth, ctx }) {
    const { id, ...fields } = input;
    if (Object.keys(fields).length === 0) {
      throw new ConnectorError('Nothing to change: give at least one field besides id', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    const { data } = await callZendesk(auth, ctx, (http) =>
      http.put<{ ticket: ZendeskTicket }>(`/tickets/${id}.json`, { json: { ticket: fields } }),
    );
    return toTicket(data.ticket);
  },
});
