import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRest } from '../client.js';
import { fieldsOf, incidentSchema, toIncident } from '../schemas.js';

export const newIncidents = defineTrigger({
  auth,
  kind: 'polling',
  key: 'incidents.new',
  title: 'New incident',
  description:
    'Starts a workflow for each new incident (optionally only on some services or of some urgency). Each poll reads the newest incidents by creation time and emits those not emitted before (by id).',
  input: Type.Object({
    serviceIds: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Z0-9]+$' }), { description: 'Only incidents of these services' }),
    ),
    urgencies: Type.Optional(
      Type.Array(Type.Union([Type.Literal('high'), Type.Literal('low')]), { description: 'Only these urgencies' }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 50,
      description: 'Newest incidents read per poll (default 50); more new ones than this between two polls are missed',
    }),
  }),
  output: incidentSchema,
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'New high-urgency incidents', input: { urgencies: ['high'] } }],
  async poll({ input, auth, ctx }) {
    const { data } = await withRest(auth, ctx, (http) =>
      http.get('/incidents', {
        query: {
          'service_ids[]': input.serviceIds,
          'urgencies[]': input.urgencies,
          sort_by: 'created_at:desc',
          limit: input.limit,
          offset: 0,
        },
      }),
    );
    const incidents = fieldsOf(data).incidents;
    // Oldest first, so workflows run in the order the incidents were opened.
    return Array.isArray(incidents) ? incidents.map(toIncident).reverse() : [];
  },
});
