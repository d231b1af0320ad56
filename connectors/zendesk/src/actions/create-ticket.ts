import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callZendesk } from '../client.js';
import { customFields, priority, status, ticket, ticketType, toTicket, type ZendeskTicket } from '../tickets.js';

/** POST /api/v2/tickets.json */
export const createTicket = defineAction({
  key: 'tickets.create',
  title: 'Create a ticket',
  description:
    'Creates a Zendesk Support ticket with its first comment, for an existing requester or a new one by email (Zendesk creates the user).',
  auth,
  input: Type.Object({
    subject: Type.String({ minLength: 1, description: 'Subject line.' }),
    body: Type.String({
      minLength: 1,
      description: 'Text of the first comment (plain text; Markdown is not rendered).',
    }),
    public: Type.Boolean({
      default: true,
      description: 'Whether the first comment is public (false: an internal note).',
    }),
    requester_id: Type.Optional(Type.Integer({ description: 'ID of the user asking for support.' })),
    requester: Type.Optional(
      Type.Object(
        {
          email: Type.String({
            minLength: 3,
            description: 'Email of the requester; a new end user is created if none has it.',
          }),
          name: Type.Optional(Type.String({ minLength: 1, description: 'Name for a new requester.' })),
        },
        { description: 'The requester by email, instead of requester_id.' },
      ),
    ),
    assignee_id: Type.Optional(Type.Integer({ description: 'Agent to assign.' })),
    group_id: Type.Optional(Type.Integer({ description: 'Group to assign.' })),
    priority: Type.Optional(priority),
    type: Type.Optional(ticketType),
    status: Type.Optional(status),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Tags to set.' })),
    external_id: Type.Optional(Type.String({ minLength: 1, description: 'ID of the ticket in another system.' })),
    custom_fields: Type.Optional(customFields),
  }),
  output: ticket,
  examples: [
    {
      title: 'Open a ticket for a customer by email',
      input: {
        subject: 'Printer on fire',
        body: 'The printer on floor 3 is smoking.',
        requester: { email: 'ada@example.com', name: 'Ada Lovelace' },
        priority: 'urgent',
        tags: ['hardware'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { body, public: isPublic, ...fields } = input;
    const { data } = await callZendesk(auth, ctx, (http) =>
      http.post<{ ticket: ZendeskTicket }>('/tickets.json', {
        json: { ticket: { ...fields, comment: { body, public: isPublic } } },
      }),
    );
    return toTicket(data.ticket);
  },
});
