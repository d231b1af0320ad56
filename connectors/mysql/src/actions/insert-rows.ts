import { defineAction, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { insertId, tableField } from '../schemas.js';
import { columnList, Parameters, quoteColumn, quoteTable } from '../sql.js';
import { inTransaction } from '../transaction.js';

// The binary protocol counts a prepared statement's parameters in 16 bits.
const MAX_PARAMETERS = 65_535;

const onConflict = Type.Union(
  [
    Type.Object({ do: Type.Literal('nothing') }),
    Type.Object({
      do: Type.Literal('update'),
      update: Type.Optional(
        Type.Array(Type.String({ minLength: 1 }), {
          minItems: 1,
          description: 'Columns to overwrite with the new values; default: every inserted column',
        }),
      ),
    }),
  ],
  {
    description:
      'What to do when a row hits a PRIMARY KEY or UNIQUE index (any of them: MySQL takes no conflict target): {do: "nothing"} keeps the existing row, {do: "update"} overwrites it (upsert, ON DUPLICATE KEY UPDATE)',
  },
);

export const insertRows = defineAction({
  auth,
  key: 'rows.insert',
  title: 'Insert rows',
  description:
    'Inserts one or more rows in one statement (several, in one transaction, when there are too many values for one), optionally keeping or updating rows that hit a unique key (upsert).',
  input: Type.Object({
    table: tableField,
    rows: Type.Array(Type.Record(Type.String(), Type.Unknown(), { minProperties: 1 }), {
      minItems: 1,
      maxItems: 10_000,
      description:
        'Rows to insert, column to value. A column missing from a row gets its DEFAULT. Objects and arrays are stored as JSON text.',
    }),
    onConflict: Type.Optional(onConflict),
  }),
  output: Type.Object({
    affectedRows: Type.Integer({
      minimum: 0,
      description: "MySQL's count: 1 per inserted row, 2 per row updated by an upsert, 0 per row kept unchanged",
    }),
    insertId,
  }),
  examples: [
    {
      title: 'Upsert by a unique email',
      input: {
        table: 'shop.customers',
        rows: [{ email: 'ada@example.com', name: 'Ada' }],
        onConflict: { do: 'update', update: ['name'] },
      },
      output: { affectedRows: 1, insertId: 42 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const table = quoteTable(input.table);
      const names = [...new Set(input.rows.flatMap((r) => Object.keys(r)))];
      const tail = duplicateClause(input.onConflict, names);
      const batchSize = Math.floor(MAX_PARAMETERS / names.length);
      const batches: Record<string, unknown>[][] = [];
      for (let i = 0; i < input.rows.length; i += batchSize) batches.push(input.rows.slice(i, i + batchSize));
      const insert = async (batch: Record<string, unknown>[]) => {
        const params = new Parameters();
        const tuples = batch.map(
          (r) => `(${names.map((name) => (Object.hasOwn(r, name) ? params.add(r[name]) : 'DEFAULT')).join(', ')})`,
        );
        const text = `INSERT INTO ${table} (${columnList(names)}) VALUES ${tuples.join(', ')}${tail}`;
        return session.query(text, params.values);
      };
      const insertAll = async () => {
        const out: { affectedRows: number; insertId: number | string } = { affectedRows: 0, insertId: 0 };
        for (const batch of batches) {
          const { header } = await insert(batch);
          out.affectedRows += header?.affectedRows ?? 0;
          if (!out.insertId) out.insertId = header?.insertId ?? 0;
        }
        return out;
      };
      return batches.length === 1 ? insertAll() : inTransaction(session, insertAll);
    });
  },
});

/**
 * ON DUPLICATE KEY UPDATE with VALUES(col): MySQL 8.0.20 prefers a row alias, which MariaDB does
 * not parse; VALUES() works on both. "nothing" assigns a column to itself, which changes no row;
 * INSERT IGNORE would also swallow unrelated errors (bad values, foreign keys) as warnings.
 */
function duplicateClause(conflict: Static<typeof onConflict> | undefined, inserted: string[]): string {
  if (!conflict) return '';
  if (conflict.do === 'nothing') {
    const [first = ''] = inserted;
    return ` ON DUPLICATE KEY UPDATE ${quoteColumn(first)} = ${quoteColumn(first)}`;
  }
  const assignments = (conflict.update ?? inserted).map((c) => `${quoteColumn(c)} = VALUES(${quoteColumn(c)})`);
  return ` ON DUPLICATE KEY UPDATE ${assignments.join(', ')}`;
}
