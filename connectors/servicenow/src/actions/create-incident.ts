import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { recordUrl, withServiceNow } from '../client.js';
import { fieldValue, recordSchema } from '../record.js';

const level = (description: string) =>
  Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('2'), Type.Literal('3')], { description }));
const sysId = (description: string) => Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$', description }));

export const createIncident = defineAction({
  auth,
  key: 'incidents.create',
  title: 'Create an incident',
  description:
    'Opens an incident with a short description, caller, urgency and impact (which set its priority), category, assignment group and assignee; more fields by name. Gives its number (INC…).',
  input: Type.Object({
    shortDescription: Type.String({ minLength: 1, maxLength: 160, description: 'Short description (the title)' }),
    description: Type.Optional(Type.String({ description: 'Full description' })),
    callerId: sysId('sys_id of the caller (sys_user)'),
    urgency: level('Urgency: "1" high, "2" medium, "3" low'),
    impact: level('Impact: "1" high, "2" medium, "3" low'),
    category: Type.Optional(
      Type.String({ minLength: 1, description: 'Category value, e.g. software, hardware, network' }),
    ),
    assignmentGroupId: sysId('sys_id of the assignment group (sys_user_group)'),
    assignedToId: sysId('sys_id of the assignee (sys_user)'),
    fields: Type.Optional(
      Type.Record(Type.String({ pattern: '^[a-zA-Z0-9_]+$' }), Type.Unknown(), {
        description: 'More fields by name, e.g. { "cmdb_ci": "<sys_id>", "contact_type": "email" }',
      }),
    ),
  }),
  output: Type.Object({
    sysId: Type.String({ description: 'sys_id of the incident' }),
    number: Type.String({ description: 'Incident number, e.g. INC0010001' }),
    state: Type.String({
      description: 'State code: 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled',
    }),
    priority: Type.String({ description: 'Priority code 1 (critical) to 5 (planning), from urgency and impact' }),
    url: Type.String({ description: 'The incident in the instance’s UI' }),
    record: recordSchema,
  }),
  examples: [
    {
      title: 'Report an outage',
      input: {
        shortDescription: 'Email is down for the Paris office',
        description: 'Outlook cannot connect since 09:10.',
        urgency: '1',
        impact: '2',
        category: 'network',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withServiceNow(auth, ctx, async (api) => {
      const fields: Record<string, unknown> = {
        ...input.fields,
        short_description: input.shortDescription,
        description: input.description,
        caller_id: input.callerId,
        urgency: input.urgency,
        impact: input.impact,
        category: input.category,
        assignment_group: input.assignmentGroupId,
        assigned_to: input.assignedToId,
      };
      const { data } = await api.http.post<{ result: Record<string, unknown> }>('/api/now/table/incident', {
        query: { sysparm_exclude_reference_link: true },
        json: Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
      });
      const record = data.result;
      const sysId = fieldValue(record, 'sys_id');
      return {
        sysId,
        number: fieldValue(record, 'number'),
        state: fieldValue(record, 'state'),
        priority: fieldValue(record, 'priority'),
        url: recordUrl(api, 'incident', sysId),
        record,
      };
    });
  },
});
