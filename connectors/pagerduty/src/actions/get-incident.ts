import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRest } from '../client.js';
import { fieldsOf, incidentIdField, incidentSchema, toIncident } from '../schemas.js';

export const getIncident = defineAction({
  auth,
  key: 'incidents.get',
  title: 'Get an incident',
  description: 'Reads one incident by its ID: status, urgency, priority, service, assignees and links.',
  input: Type.Object({ incidentId: incidentIdField }),
  output: incidentSchema,
  examples: [{ input: { incidentId: 'PT4KHLK' } }],
  async run({ input, auth, ctx }) {
    const { data } = await withRest(auth, ctx, (http) =>
      http.get(`/incidents/${encodeURIComponent(input.incidentId)}`),
    );
    return toIncident(fieldsOf(data).incident);
  },
});
