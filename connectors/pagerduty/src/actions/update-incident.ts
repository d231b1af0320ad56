import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRest } from '../client.js';
import { fieldsOf, incidentIdField, incidentSchema, ref, toIncident } from '../schemas.js';

const id = (description: string) => Type.String({ pattern: '^[A-Z0-9]+$', description });

export const updateIncident = defineAction({
  auth,
  key: 'incidents.update',
  title: 'Update an incident',
  description:
    'Acknowledges or resolves an incident, or changes its title, urgency, priority, escalation level or assignees (as the connection’s from user). Fields left out stay as they are.',
  input: Type.Object({
    incidentId: incidentIdField,
    status: Type.Optional(
      Type.Union([Type.Literal('acknowledged'), Type.Literal('resolved')], { description: 'acknowledged or resolved' }),
    ),
    resolution: Type.Optional(
      Type.String({ minLength: 1, description: 'How it was resolved (added as a note on resolve)' }),
    ),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'New title' })),
    urgency: Type.Optional(Type.Union([Type.Literal('high'), Type.Literal('low')], { description: 'high or low' })),
    priorityId: Type.Optional(id('ID of the new priority')),
    escalationLevel: Type.Optional(Type.Integer({ minimum: 1, description: 'Escalate to this level of its policy' })),
    assigneeIds: Type.Optional(Type.Array(id('User ID'), { description: 'Reassign to these users' })),
  }),
  output: incidentSchema,
  examples: [
    {
      title: 'Resolve with a resolution',
      input: { incidentId: 'PT4KHLK', status: 'resolved', resolution: 'Failed over to replica.' },
    },
  ],
  async run({ input, auth, ctx }) {
    const incident = {
      type: 'incident_reference',
      status: input.status,
      resolution: input.resolution,
      title: input.title,
      urgency: input.urgency,
      priority: input.priorityId ? ref(input.priorityId, 'priority_reference') : undefined,
      escalation_level: input.escalationLevel,
      assignments: input.assigneeIds?.map((user) => ({ assignee: ref(user, 'user_reference') })),
    };
    const { data } = await withRest(
      auth,
      ctx,
      (http) => http.put(`/incidents/${encodeURIComponent(input.incidentId)}`, { json: { incident } }),
      { write: true },
    );
    return toIncident(fieldsOf(data).incident);
  },
});
