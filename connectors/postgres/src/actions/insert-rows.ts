import { defineAction, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { invalidInput } from '../errors.js';
import { asJson, jsonColumns, needsColumnTypes } from '../json-values.js';
import { returnedRows, returningField, tableField } from '../schemas.js';
import { columnList, Parameters, quoteColumn, quoteTable, returningClause } from '../sql.js';
import { inTransaction } from '../transaction.js';

// The wire protocol numbers parameters with 16 bits.
const MAX_PARAMETERS = 65_535;

const columns = (description: string) => Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description });

const onConflict = Type.Union(
  [
    Type.Object({
      do: Type.Literal('nothing'),
      columns: Type.Optional(columns('Conflict target (columns of a unique index); any unique violation if omitted')),
    }),
    Type.Object({
      do: Type.Literal('update'),
      columns: columns('Conflict target: the columns of a unique index or primary key'),
      update: Type.Optional(
        columns('Columns to overwrite with the new values; default: every inserted column not in the target'),
      ),
    }),
  ],
  {
    description:
      'What to do when a row hits a unique key: {do: "nothing"} skips it, {do: "update", columns: [...]} updates the existing row (upsert)',
  },
);

const input = Type.Object({
  table: tableField,
  rows: Type.Array(Type.Record(Type.String(), Type.Unknown(), { minProperties: 1 }), {
    minItems: 1,
    maxItems: 10_000,
    description:
      'Rows to insert, column to value. A column missing from a row gets its DEFAULT. A json/jsonb column stores the value itself as JSON (a string as a JSON string; null is SQL NULL); elsewhere arrays become PostgreSQL arrays and objects JSON text.',
  }),
  returning: Type.Optional(returningField),
  onConflict: Type.Optional(onConflict),
});

export const insertRows = defineAction({
  auth,
  key: 'rows.insert',
  title: 'Insert rows',
  description:
    'Inserts one or more rows in one statement (several, in one transaction, when there are too many values for one), optionally skipping or updating rows that hit a unique key (upsert).',
  input,
  output: Type.Object({
    rowCount: Type.Integer({
      minimum: 0,
      description: 'Rows inserted or updated; rows skipped by do: "nothing" are not counted',
    }),
    rows: returnedRows,
  }),
  examples: [
    {
      title: 'Upsert by email, returning the id',
      input: {
        table: 'public.customers',
        rows: [{ email: 'ada@example.com', name: 'Ada' }],
        onConflict: { do: 'update', columns: ['email'] },
        returning: ['id'],
      },
      output: { rowCount: 1, rows: [{ id: 42 }] },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const table = quoteTable(input.table);
      const names = [...new Set(input.rows.flatMap((r) => Object.keys(r)))];
      const tail = conflictClause(input.onConflict, names) + returningClause(input.returning);
      const json = needsColumnTypes(input.rows.flatMap(Object.values))
        ? await jsonColumns(session, input.table)
        : new Set<string>();
      const value = (r: Record<string, unknown>, name: string) => (json.has(name) ? asJson(r[name]) : r[name]);
      const batchSize = Math.floor(MAX_PARAMETERS / names.length);
      const batches: Record<string, unknown>[][] = [];
      for (let i = 0; i < input.rows.length; i += batchSize) batches.push(input.rows.slice(i, i + batchSize));
      const insert = async (batch: Record<string, unknown>[]) => {
        const params = new Parameters();
        const tuples = batch.map(
          (r) =>
            `(${names.map((name) => (Object.hasOwn(r, name) ? params.add(value(r, name)) : 'DEFAULT')).join(', ')})`,
        );
        const text = `INSERT INTO ${table} (${columnList(names)}) VALUES ${tuples.join(', ')}${tail}`;
        return session.query(text, params.values);
      };
      const insertAll = async () => {
        const out: { rowCount: number; rows: Record<string, unknown>[] } = { rowCount: 0, rows: [] };
        for (const batch of batches) {
          const result = await insert(batch);
          out.rowCount += result.rowCount ?? 0;
          out.rows.push(...result.rows);
        }
        return out;
      };
      return batches.length === 1 ? insertAll() : inTransaction(session, insertAll);
    });
  },
});

function conflictClause(conflict: Static<typeof onConflict> | undefined, inserted: string[]): string {
  if (!conflict) return '';
  const target = conflict.columns ? ` (${columnList(conflict.columns)})` : '';
  if (conflict.do === 'nothing') return ` ON CONFLICT${target} DO NOTHING`;
  const update = conflict.update ?? inserted.filter((c) => !conflict.columns.includes(c));
  if (update.length === 0) {
    throw invalidInput(
      'onConflict update has no columns to update: every inserted column is in the conflict target',
      'List the columns to overwrite in onConflict.update, or use {do: "nothing"}.',
    );
  }
  const assignments = update.map((c) => `${quoteColumn(c)} = EXCLUDED.${quoteColumn(c)}`);
  return ` ON CONFLICT${target} DO UPDATE SET ${assignments.join(', ')}`;
}
