import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callZendesk } from '../client.js';
import { status } from '../tickets.js';

/** PUT /api/v2/tickets/{ticket_id}.json with a `comment`: Zendesk adds comments through a ticket update. */
export const addComment = defineAction({
  key: 'tickets.comment',
  title: 'Comment on a ticket',
  description:
    'Adds a public reply (emailed to the requester) or a private internal note to a Zendesk Support ticket, optionally changing its status.',
  auth,
  input: Type.Object({
    id: Type.Integer({ minimum: 1, description: 'Ticket ID.' }),
    body: Type.String({ minLength: 1, description: 'Text of the comment.' }),
    public: Type.Boolean({
      default: true,
      description: 'true: a public reply; false: an internal note only agents see.',
    }),
    author_id: Type.Optional(Type.Integer({ description: 'User to post as; default the connection’s user.' })),
    status: Type.Optional(status),
  }),
  output: Type.Object({
    ticket_id: Type.Integer({ description: 'Ticket ID.' }),
    audit_id: Type.Integer({ description: 'ID of the audit that records the comment.' }),
    comment_id: Type.Union([Type.Integer(), Type.Null()], { description: 'ID of the new comment.' }),
    status: Type.String({ description: 'Ticket status after the update.' }),
    updated_at: Type.String({ description: 'When the ticket changed (ISO 8601).' }),
  }),
  examples: [
    {
      title: 'Add an internal note',
      input: { id: 35436, body: 'Called the customer, waiting for logs.', public: false },
    },
    { title: 'Reply and mark pending', input: { id: 35436, body: 'Could you send us the logs?', status: 'pending' } },
  ],
  async run({ input, auth, ctx }) {
    const { id, body, public: isPublic, author_id, status: newStatus } = input;
    const comment = { body, public: isPublic, ...(author_id === undefined ? {} : { author_id }) };
    const { data } = await callZendesk(auth, ctx, (http) =>
      http.put<{
        ticket: { id: number; status: string; updated_at: string };
        audit: { id: number; events: { id: number; type: string }[] };
      }>(`/tickets/${id}.json`, { json: { ticket: { comment, ...(newStatus ? { status: newStatus } : {}) } } }),
    );
    return {
      ticket_id: data.ticket.id,
      audit_id: data.audit.id,
      comment_id: data.audit.events.find((e) => e.type === 'Comment')?.id ?? null,
      status: data.ticket.status,
      updated_at: data.ticket.updated_at,
    };
  },
});
