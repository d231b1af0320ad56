import { type Static, type TSchema, Type } from '@mova/sdk';

const nullable = <T extends TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

const reference = (what: string) =>
  Type.Object(
    {
      id: Type.String({ description: `${what} ID` }),
      summary: Type.String({ description: `${what} name as PagerDuty shows it` }),
    },
    { description: what },
  );

export const incidentIdField = Type.String({
  pattern: '^[A-Z0-9]+$',
  description: 'Incident ID, e.g. PT4KHLK (from its URL /incidents/PT4KHLK)',
});

export const incidentSchema = Type.Object({
  id: Type.String({ description: 'Incident ID' }),
  incidentNumber: Type.Integer({ description: 'Incident number in the account (#1234)' }),
  title: Type.String({ description: 'Title' }),
  status: Type.String({ description: 'triggered, acknowledged or resolved' }),
  urgency: Type.String({ description: 'high or low' }),
  priority: nullable(reference('Priority'), 'Priority (P1, P2, …), when the account uses priorities'),
  service: reference('Service'),
  escalationPolicy: nullable(reference('Escalation policy'), 'Escalation policy that pages for it'),
  assignees: Type.Array(reference('Assignee'), { description: 'Users it is assigned to now' }),
  incidentKey: nullable(Type.String(), 'De-duplication key (the dedup_key of the events that opened it)'),
  htmlUrl: Type.String({ description: 'Link to the incident in PagerDuty' }),
  createdAt: Type.String({ description: 'When it was opened (ISO 8601)' }),
  updatedAt: nullable(Type.String(), 'When it last changed (ISO 8601)'),
  lastStatusChangeAt: nullable(Type.String(), 'When its status last changed (ISO 8601)'),
  resolvedAt: nullable(Type.String(), 'When it was resolved (ISO 8601)'),
});
export type Incident = Static<typeof incidentSchema>;

export const noteSchema = Type.Object({
  id: Type.String({ description: 'Note ID' }),
  content: Type.String({ description: 'Note text' }),
  user: nullable(reference('User'), 'Who wrote it'),
  createdAt: Type.String({ description: 'When it was written (ISO 8601)' }),
});
export type Note = Static<typeof noteSchema>;

export const eventResultSchema = Type.Object({
  status: Type.String({ description: 'success when PagerDuty accepted the event' }),
  message: Type.String({ description: 'PagerDuty’s words, e.g. Event processed' }),
  dedupKey: Type.String({ description: 'Key of the alert: pass it to acknowledge or resolve the same alert later' }),
});

type Json = Record<string, unknown>;

export function fieldsOf(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const referenceOf = (value: unknown) => {
  const r = fieldsOf(value);
  return { id: text(r.id), summary: text(r.summary) };
};
const referenceOrNull = (value: unknown) => (typeof value === 'object' && value !== null ? referenceOf(value) : null);

export function toIncident(value: unknown): Incident {
  const i = fieldsOf(value);
  return {
    id: text(i.id),
    incidentNumber: typeof i.incident_number === 'number' ? i.incident_number : 0,
    title: text(i.title),
    status: text(i.status),
    urgency: text(i.urgency),
    priority: referenceOrNull(i.priority),
    service: referenceOf(i.service),
    escalationPolicy: referenceOrNull(i.escalation_policy),
    assignees: Array.isArray(i.assignments) ? i.assignments.map((a) => referenceOf(fieldsOf(a).assignee)) : [],
    incidentKey: textOrNull(i.incident_key),
    htmlUrl: text(i.html_url),
    createdAt: text(i.created_at),
    updatedAt: textOrNull(i.updated_at),
    lastStatusChangeAt: textOrNull(i.last_status_change_at),
    resolvedAt: textOrNull(i.resolved_at),
  };
}

export function toNote(value: unknown): Note {
  const n = fieldsOf(value);
  return { id: text(n.id), content: text(n.content), user: referenceOrNull(n.user), createdAt: text(n.created_at) };
}

/** A PagerDuty resource reference for a request body. */
export const ref = (id: string, type: string) => ({ id, type });

export const routingKeyField = Type.Optional(
  Type.String({
    minLength: 1,
    description: "Integration key of the service's Events API v2 integration; default: the connection's routingKey",
  }),
);

export const dedupKeyField = (description = 'Dedup key of the alert, as the trigger event gave or got it') =>
  Type.String({ minLength: 1, maxLength: 255, description });
