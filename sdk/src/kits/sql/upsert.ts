import { Type } from '@sinclair/typebox';
import type { Upsert } from './dialect.js';
import { invalidInput } from './errors.js';

/**
 * What `ON CONFLICT` dialects (PostgreSQL, SQLite) share about upserts: the `onConflict` field of
 * `rows.insert`, and the clause it becomes.
 */

const columns = (description: string) => Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description });

/** `rows.insert`'s `onConflict` where a conflict target can be named: skip the row, or update it. */
export const onConflictField = Type.Union(
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

/**
 * ` ON CONFLICT [target] DO NOTHING`, or ` DO UPDATE SET col = EXCLUDED.col` for the columns to
 * overwrite (by default every inserted column outside the target).
 * @example
 * onConflictClause(quoteWith('"'), { do: 'update', columns: ['email'] }, ['email', 'name'])
 * // ' ON CONFLICT ("email") DO UPDATE SET "name" = EXCLUDED."name"'
 */
export function onConflictClause(quote: (name: string) => string, conflict: Upsert, inserted: string[]): string {
  const target = conflict.columns ? ` (${conflict.columns.map(quote).join(', ')})` : '';
  if (conflict.do === 'nothing') return ` ON CONFLICT${target} DO NOTHING`;
  const update = conflict.update ?? inserted.filter((c) => !conflict.columns?.includes(c));
  if (update.length === 0) {
    throw invalidInput(
      'onConflict update has no columns to update: every inserted column is in the conflict target',
      'List the columns to overwrite in onConflict.update, or use {do: "nothing"}.',
    );
  }
  const assignments = update.map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`);
  return ` ON CONFLICT${target} DO UPDATE SET ${assignments.join(', ')}`;
}
