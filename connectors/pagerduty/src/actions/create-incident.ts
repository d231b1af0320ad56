import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRest } from '../client.js';
import { fieldsOf, incidentSchema, ref, toIncident } from '../schemas.js';

const id = (description: string) => Type.String({ pattern: '^[A-Z0-9]+$', description });

export const createIncident = defineAction({
  auth,
  key: 'incidents.create',
  title: 'Create an incident',
  description:
    'Opens an incident on a service through the REST API (as a user, named by the connection’s from), paging by the service’s escalation policy unless assignees are given.',
  input: Type.Object({
    serviceId: id('ID of the service the incident is on, e.g. PWIXJZS'),
    title: Type.String({ minLength: 1, maxLength: 255, description: 'Incident title' }),
    urgency: Type.Optional(Type.Union([Type.Literal('high'), Type.Literal('low')], { description: 'high or low' })),
    details: Type.Optional(Type.String({ description: 'Details of the incident (its body)' })),
    incidentKey: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'De-duplication key: a second open incident with it is refused',
      }),
    ),
    priorityId: Type.Optional(id('ID of a priority (P1, P2, …)')),
    escalationPolicyId: Type.Optional(id('Escalation policy to page instead of the service’s')),
    assigneeIds: Type.Optional(Type.Array(id('User ID'), { description: 'Users to assign it to directly' })),
  }),
  output: incidentSchema,
  examples: [
    {
      input: {
        serviceId: 'PWIXJZS',
        title: 'Checkout error rate above 5%',
        urgency: 'high',
        details: 'Error rate 7.2% over the last 10 minutes.',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const incident = {
      type: 'incident',
      title: input.title,
      service: ref(input.serviceId, 'service_reference'),
      urgency: input.urgency,
      incident_key: input.incidentKey,
      body: input.details === undefined ? undefined : { type: 'incident_body', details: input.details },
      priority: input.priorityId ? ref(input.priorityId, 'priority_reference') : undefined,
      escalation_policy: input.escalationPolicyId
        ? ref(input.escalationPolicyId, 'escalation_policy_reference')
        : undefined,
      assignments: input.assigneeIds?.map((user) => ({ assignee: ref(user, 'user_reference') })),
    };
    const { data } = await withRest(auth, ctx, (http) => http.post('/incidents', { json: { incident } }), {
      write: true,
    });
    return toIncident(fieldsOf(data).incident);
  },
});
