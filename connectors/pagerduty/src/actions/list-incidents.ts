import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withRest } from '../client.js';
import { fieldsOf, incidentSchema, toIncident } from '../schemas.js';

const idList = (description: string) =>
  Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z0-9]+$' }), { description }));

export const listIncidents = defineAction({
  auth,
  key: 'incidents.list',
  title: 'List incidents',
  description:
    'Lists incidents, filtered by status, urgency, service, team, assignee and time range, one page (offset and limit) at a time. Without since/until PagerDuty looks at the last 30 days.',
  input: Type.Object({
    statuses: Type.Optional(
      Type.Array(Type.Union([Type.Literal('triggered'), Type.Literal('acknowledged'), Type.Literal('resolved')]), {
        description: 'Only incidents in these statuses: triggered, acknowledged, resolved',
      }),
    ),
    urgencies: Type.Optional(
      Type.Array(Type.Union([Type.Literal('high'), Type.Literal('low')]), { description: 'Only these urgencies' }),
    ),
    serviceIds: idList('Only incidents of these services'),
    teamIds: idList('Only incidents of these teams'),
    userIds: idList('Only incidents assigned to these users'),
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Start of the time range (ISO 8601)' })),
    until: Type.Optional(Type.String({ format: 'date-time', description: 'End of the time range (ISO 8601)' })),
    sortBy: Type.Union(
      [
        Type.Literal('created_at:desc'),
        Type.Literal('created_at:asc'),
        Type.Literal('incident_number:desc'),
        Type.Literal('incident_number:asc'),
        Type.Literal('urgency:desc'),
        Type.Literal('resolved_at:desc'),
      ],
      { default: 'created_at:desc', description: 'Order, default created_at:desc (newest first)' },
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 25,
      description: 'Incidents per page, 1–100 (default 25)',
    }),
    offset: Type.Integer({ minimum: 0, default: 0, description: 'Incidents to skip: 0, then the nextOffset given' }),
  }),
  output: Type.Object({
    incidents: Type.Array(incidentSchema, { description: 'Incidents on this page' }),
    total: Type.Union([Type.Integer(), Type.Null()], { description: 'Incidents matching in all pages' }),
    nextOffset: Type.Union([Type.Integer(), Type.Null()], {
      description: 'offset of the next page, or null when there is none (more: false)',
    }),
  }),
  examples: [
    { title: 'Open high-urgency incidents', input: { statuses: ['triggered', 'acknowledged'], urgencies: ['high'] } },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await withRest(auth, ctx, (http) =>
      http.get('/incidents', {
        query: {
          'statuses[]': input.statuses,
          'urgencies[]': input.urgencies,
          'service_ids[]': input.serviceIds,
          'team_ids[]': input.teamIds,
          'user_ids[]': input.userIds,
          since: input.since,
          until: input.until,
          sort_by: input.sortBy,
          limit: input.limit,
          offset: input.offset,
          total: true,
        },
      }),
    );
    const page = fieldsOf(data);
    const incidents = Array.isArray(page.incidents) ? page.incidents.map(toIncident) : [];
    return {
      incidents,
      total: typeof page.total === 'number' ? page.total : null,
      nextOffset: page.more === true ? input.offset + incidents.length : null,
    };
  },
});
