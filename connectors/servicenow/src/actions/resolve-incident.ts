import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { recordUrl, type ServiceNow, withServiceNow } from '../client.js';
import { fieldValue, isoTime, recordSchema } from '../record.js';

/** The incident's sys_id, looking it up by number when that is what the step gave. */
async function incidentId(api: ServiceNow, input: { sysId?: string; number?: string }): Promise<string> {
  if (input.sysId) return input.sysId;
  const { data } = await api.http.get<{ result: Record<string, unknown>[] }>('/api/now/table/incident', {
    query: { sysparm_query: `number=${input.number}`, sysparm_fields: 'sys_id', sysparm_limit: 1 },
  });
  const found = data.result?.[0];
  if (!found) {
    throw new ConnectorError(`no incident has the number ${input.number}`, {
      kind: 'not_found',
      actionKey: api.actionKey,
    });
  }
  return fieldValue(found, 'sys_id');
}

export const resolveIncident = defineAction({
  auth,
  key: 'incidents.resolve',
  title: 'Resolve an incident',
  description:
    'Sets an incident to Resolved (state 6) with the resolution code and notes ServiceNow requires for it; the incident is named by sys_id or number.',
  input: Type.Object({
    sysId: Type.Optional(
      Type.String({ pattern: '^[0-9a-f]{32}$', description: 'sys_id of the incident (or give number)' }),
    ),
    number: Type.Optional(
      Type.String({ pattern: '^[A-Z]+[0-9]+$', description: 'Incident number, e.g. INC0010001 (or give sysId)' }),
    ),
    closeCode: Type.String({
      minLength: 1,
      default: 'Solution provided',
      description:
        'Resolution code (close_code) as the instance defines it, e.g. "Solution provided", "Workaround provided", "Duplicate"; older releases use "Solved (Permanently)"',
    }),
    closeNotes: Type.String({ minLength: 1, description: 'Resolution notes (close_notes), required to resolve' }),
    workNotes: Type.Optional(Type.String({ description: 'A work note to add with the resolution' })),
  }),
  output: Type.Object({
    sysId: Type.String({ description: 'sys_id of the incident' }),
    number: Type.String({ description: 'Incident number' }),
    state: Type.String({ description: 'State code now: 6 (Resolved)' }),
    resolvedAt: Type.Union([Type.String(), Type.Null()], { description: 'When it was resolved (ISO 8601, UTC)' }),
    url: Type.String({ description: 'The incident in the instance’s UI' }),
    record: recordSchema,
  }),
  examples: [
    {
      title: 'Resolve by number',
      input: { number: 'INC0010001', closeNotes: 'Restarted the mail relay; service restored.' },
    },
  ],
  async run({ input, auth, ctx }) {
    return withServiceNow(auth, ctx, async (api) => {
      if (!input.sysId === !input.number) {
        throw new ConnectorError('give either sysId or number', { kind: 'invalid_input', actionKey: ctx.actionKey });
      }
      const sysId = await incidentId(api, input);
      const { data } = await api.http.patch<{ result: Record<string, unknown> }>(`/api/now/table/incident/${sysId}`, {
        query: { sysparm_exclude_reference_link: true },
        json: {
          state: '6',
          close_code: input.closeCode,
          close_notes: input.closeNotes,
          ...(input.workNotes ? { work_notes: input.workNotes } : {}),
        },
      });
      const record = data.result;
      return {
        sysId,
        number: fieldValue(record, 'number'),
        state: fieldValue(record, 'state'),
        resolvedAt: isoTime(fieldValue(record, 'resolved_at')),
        url: recordUrl(api, 'incident', sysId),
        record,
      };
    });
  },
});
