import { type Static, Type } from '@mova/sdk';

const id = (description: string) => Type.Union([Type.Integer(), Type.Null()], { description });

export const ticket = Type.Object({
  id: Type.Integer({ description: 'Ticket ID, the number agents see.' }),
  url: Type.String({ description: 'API URL of the ticket.' }),
  subject: Type.Union([Type.String(), Type.Null()], { description: 'Subject line.' }),
  description: Type.Union([Type.String(), Type.Null()], { description: 'Text of the first comment.' }),
  status: Type.String({ description: 'new, open, pending, hold, solved or closed (deleted in exports).' }),
  priority: Type.Union([Type.String(), Type.Null()], { description: 'urgent, high, normal, low, or null.' }),
  type: Type.Union([Type.String(), Type.Null()], { description: 'problem, incident, question, task, or null.' }),
  requester_id: id('User who asked for support.'),
  submitter_id: id('User who submitted the ticket.'),
  assignee_id: id('Agent the ticket is assigned to.'),
  group_id: id('Group the ticket is assigned to.'),
  organization_id: id('Organization of the requester.'),
  external_id: Type.Union([Type.String(), Type.Null()], { description: 'ID of the ticket in another system.' }),
  tags: Type.Array(Type.String(), { description: 'Tags on the ticket.' }),
  custom_fields: Type.Array(
    Type.Object({
      id: Type.Integer({ description: 'Ticket field ID.' }),
      value: Type.Unknown({ description: 'The field’s value (string, number, boolean, list or null).' }),
    }),
    { description: 'Values of custom ticket fields.' },
  ),
  created_at: Type.String({ description: 'When the ticket was created (ISO 8601).' }),
  updated_at: Type.String({ description: 'When the ticket last changed (ISO 8601).' }),
});
export type Ticket = Static<typeof ticket>;

/** A ticket as Zendesk sends it; the fields the actions return, the rest left out. */
export type ZendeskTicket = Partial<Ticket> & Pick<Ticket, 'id' | 'url' | 'status' | 'created_at' | 'updated_at'>;

export function toTicket(t: ZendeskTicket): Ticket {
  return {
    id: t.id,
    url: t.url,
    subject: t.subject ?? null,
    description: t.description ?? null,
    status: t.status,
    priority: t.priority ?? null,
    type: t.type ?? null,
    requester_id: t.requester_id ?? null,
    submitter_id: t.submitter_id ?? null,
    assignee_id: t.assignee_id ?? null,
    group_id: t.group_id ?? null,
    organization_id: t.organization_id ?? null,
    external_id: t.external_id ?? null,
    tags: t.tags ?? [],
    custom_fields: (t.custom_fields ?? []).map((f) => ({ id: f.id, value: f.value ?? null })),
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

export const priority = Type.Union(
  ['urgent', 'high', 'normal', 'low'].map((p) => Type.Literal(p)),
  { description: 'Priority: urgent, high, normal or low.' },
);
export const ticketType = Type.Union(
  ['problem', 'incident', 'question', 'task'].map((t) => Type.Literal(t)),
  { description: 'Type: problem, incident, question or task.' },
);
export const status = Type.Union(
  ['new', 'open', 'pending', 'hold', 'solved', 'closed'].map((s) => Type.Literal(s)),
  { description: 'Status: new, open, pending, hold, solved or closed.' },
);
export const customFields = Type.Array(
  Type.Object({
    id: Type.Integer({ description: 'Ticket field ID (Admin Center → Objects and rules → Tickets → Fields).' }),
    value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String()), Type.Null()], {
      description: 'The value; a list of option tags for multi-select fields.',
    }),
  }),
  { description: 'Custom ticket field values to set.' },
);
