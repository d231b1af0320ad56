import { type ActionContext, Type } from '@mova/sdk';
import { recordUrl, withServiceNow } from '../client.js';
import type { ServiceNowConnection } from '../connection.js';
import { fieldValue, isoTime, tableInput } from '../record.js';

export const watchInput = Type.Object({
  table: tableInput,
  query: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Encoded query the records must match, e.g. active=true^priority=1 (no ORDERBY)',
    }),
  ),
  fields: Type.Optional(
    Type.Array(Type.String({ pattern: '^[a-zA-Z0-9_.]+$' }), {
      description: 'Fields to return besides sys_id, sys_created_on and sys_updated_on; default: all',
    }),
  ),
  limit: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 100,
    description: 'Most records read per poll (default 100); the rest follow on the next polls, oldest first',
  }),
});

export const watchOutput = Type.Object({
  sysId: Type.String({ description: 'sys_id of the record' }),
  table: Type.String({ description: 'Its table' }),
  createdAt: Type.String({ description: 'When it was created (ISO 8601, UTC)' }),
  updatedAt: Type.String({ description: 'When it last changed (ISO 8601, UTC)' }),
  url: Type.String({ description: 'The record in the instance’s UI' }),
  record: Type.Record(Type.String(), Type.Unknown(), { description: 'The record’s fields (stored values)' }),
});

/** Slack on the look-back window for clock skew between MOVA and the instance; dedupe drops what was seen. */
const SKEW_MINUTES = 5;

/**
 * The encoded query for one poll: records whose `field` moved since the newest one seen, oldest
 * first. The window is relative (RELATIVEGE … minutes ago), evaluated by the instance's own clock;
 * the first poll, with nothing seen, looks at the last 30 days.
 * @example watchQuery('sys_updated_on', 'active=true', '2026-01-01T10:00:00Z', Date.parse('2026-01-01T10:30:00Z'))
 * // 'active=true^sys_updated_onRELATIVEGE@minute@ago@35^ORDERBYsys_updated_on'
 */
export function watchQuery(field: string, filter: string | undefined, since: string | undefined, now: number): string {
  const sinceMs = since === undefined ? Number.NaN : Date.parse(since);
  const window = Number.isNaN(sinceMs)
    ? `${field}RELATIVEGE@dayofweek@ago@30`
    : `${field}RELATIVEGE@minute@ago@${Math.max(1, Math.ceil((now - sinceMs) / 60_000)) + SKEW_MINUTES}`;
  return [filter, window, `ORDERBY${field}`].filter(Boolean).join('^');
}

export async function pollRecords(
  field: 'sys_created_on' | 'sys_updated_on',
  args: {
    input: { table: string; query?: string; fields?: string[]; limit: number };
    auth: ServiceNowConnection;
    ctx: ActionContext;
    since?: string;
  },
) {
  const { input } = args;
  return withServiceNow(args.auth, args.ctx, async (api) => {
    const fields = input.fields
      ? [...new Set(['sys_id', 'sys_created_on', 'sys_updated_on', ...input.fields])]
      : undefined;
    const { data } = await api.http.get<{ result?: Record<string, unknown>[] }>(`/api/now/table/${input.table}`, {
      query: {
        sysparm_query: watchQuery(field, input.query, args.since, Date.now()),
        sysparm_fields: fields?.join(','),
        // Stored values: timestamps in UTC, as the dedupe compares them.
        sysparm_display_value: 'false',
        sysparm_exclude_reference_link: true,
        sysparm_limit: input.limit,
      },
    });
    return (data.result ?? []).map((record) => {
      const sysId = fieldValue(record, 'sys_id');
      return {
        sysId,
        table: input.table,
        createdAt: isoTime(fieldValue(record, 'sys_created_on')) ?? '',
        updatedAt: isoTime(fieldValue(record, 'sys_updated_on')) ?? '',
        url: recordUrl(api, input.table, sysId),
        record,
      };
    });
  });
}
