import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAirtable } from '../client.js';
import { baseId } from '../records.js';

const tableSchema = Type.Object({
  id: Type.String({ description: 'Table ID (tbl…).' }),
  name: Type.String({ description: 'Table name.' }),
  primaryFieldId: Type.String({ description: 'ID of the primary field.' }),
  fields: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Field ID (fld…).' }),
      name: Type.String({ description: 'Field name.' }),
      type: Type.String({ description: 'Field type: singleLineText, number, singleSelect, multipleRecordLinks, …' }),
    }),
    { description: 'The table’s fields.' },
  ),
  views: Type.Array(
    Type.Object({
      id: Type.String({ description: 'View ID (viw…).' }),
      name: Type.String({ description: 'View name.' }),
      type: Type.String({ description: 'grid, form, calendar, gallery, kanban, …' }),
    }),
    { description: 'The table’s views.' },
  ),
});

interface MetaTable {
  id: string;
  name: string;
  primaryFieldId: string;
  fields: { id: string; name: string; type: string }[];
  views: { id: string; name: string; type: string }[];
}

/** GET /v0/meta/bases/{baseId}/tables */
export const listTables = defineAction({
  key: 'tables.list',
  title: 'List tables',
  description: 'Lists the tables of an Airtable base with their fields (names, IDs, types) and views.',
  auth,
  input: Type.Object({ baseId }),
  output: Type.Object({ tables: Type.Array(tableSchema, { description: 'The base’s tables.' }) }),
  examples: [{ title: 'Tables of a base', input: { baseId: 'appA1b2C3d4E5f6G7' } }],
  async run({ input, auth, ctx }) {
    const { data } = await callAirtable(auth, ctx, (http) =>
      http.get<{ tables: MetaTable[] }>(`/meta/bases/${input.baseId}/tables`),
    );
    return {
      tables: data.tables.map((t) => ({
        id: t.id,
        name: t.name,
        primaryFieldId: t.primaryFieldId,
        fields: t.fields.map(({ id, name, type }) => ({ id, name, type })),
        views: t.views.map(({ id, name, type }) => ({ id, name, type })),
      })),
    };
  },
});
