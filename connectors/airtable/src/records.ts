import { type Static, Type } from '@mova/sdk';

export const baseId = Type.String({
  pattern: '^app[A-Za-z0-9]{14}$',
  description: 'Base ID (app…, from the base’s URL).',
});
export const table = Type.String({ minLength: 1, description: 'Table ID (tbl…) or name; the ID survives renames.' });
export const recordId = (description: string) =>
  Type.String({ pattern: '^rec[A-Za-z0-9]{14}$', description: `${description} (rec…).` });

export const fields = Type.Record(Type.String({ minLength: 1 }), Type.Unknown(), {
  description: 'Cell values by field name (or field ID): text, numbers, booleans, arrays of linked record IDs, …',
});

export const record = Type.Object({
  id: Type.String({ description: 'Record ID.' }),
  createdTime: Type.String({ description: 'When the record was created (ISO 8601).' }),
  fields: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Cell values by field name; empty cells are left out, as Airtable does.',
  }),
});
export type AirtableRecord = Static<typeof record>;

export const typecast = Type.Boolean({
  default: false,
  description: 'Let Airtable convert strings to the field’s type (and create missing select options).',
});

/** What Airtable's batch endpoints answer. */
export interface RecordsPage {
  records: AirtableRecord[];
  offset?: string;
}

export function toRecord(r: AirtableRecord): AirtableRecord {
  return { id: r.id, createdTime: r.createdTime, fields: r.fields ?? {} };
}
