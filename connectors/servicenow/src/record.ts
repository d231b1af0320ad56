import { Type } from '@mova/sdk';

export const tableInput = Type.String({
  pattern: '^[a-z0-9_]+$',
  description: 'Table name, e.g. incident, change_request, sc_req_item, sys_user, or a custom u_/x_ table',
});

export const sysIdInput = Type.String({
  pattern: '^[0-9a-f]{32}$',
  description: 'sys_id of the record (32 hex characters)',
});

export const fieldsInput = Type.Optional(
  Type.Array(Type.String({ pattern: '^[a-zA-Z0-9_.]+$' }), {
    description:
      'Fields to return (sysparm_fields), e.g. ["number","short_description","state"]; dot-walking allowed. Default: all',
  }),
);

export const displayValueInput = Type.Union([Type.Literal('false'), Type.Literal('true'), Type.Literal('all')], {
  default: 'false',
  description:
    'sysparm_display_value: "false" gives stored values (sys_ids, codes), "true" the labels users see, "all" both per field as { value, display_value }',
});

export const recordSchema = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'The record’s fields by name, as ServiceNow returned them (strings, or { value, display_value } with display values "all")',
});

/** sysparm_ parameters shared by reads. */
export function readQuery(input: { fields?: string[]; displayValue: 'false' | 'true' | 'all' }) {
  return {
    sysparm_fields: input.fields?.join(','),
    sysparm_display_value: input.displayValue,
    // Reference fields as plain sys_ids, without REST links back to the instance.
    sysparm_exclude_reference_link: true,
  };
}

/** A field's stored value whether the record came with display values or not. */
export function fieldValue(record: Record<string, unknown>, field: string): string {
  const raw = record[field];
  if (typeof raw === 'object' && raw !== null && 'value' in raw) return String(raw.value ?? '');
  return raw === undefined || raw === null ? '' : String(raw);
}

/**
 * ServiceNow's stored timestamps (`2026-01-02 10:00:00`, always UTC in the API) as ISO 8601.
 * @example isoTime('2026-01-02 10:00:00') // '2026-01-02T10:00:00Z'
 */
export function isoTime(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(' ', 'T')}Z` : null;
}
