import { Type } from '@mova/sdk';
import { rowsOf } from '@mova/sdk/sql';

/** PostgreSQL's own field and result schemas; the SQL kit has the ones every dialect shares. */

export const tableField = Type.String({
  minLength: 1,
  description: 'Table name, "table" or "schema.table"; an unqualified name is looked up on the search_path',
});

export const row = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'One row, column name to value. BIGINT and NUMERIC come back as strings (no precision is lost), REAL and DOUBLE PRECISION as numbers except NaN, Infinity and -Infinity, which JSON cannot hold and come back as the strings "NaN", "Infinity" and "-Infinity", DATE/TIME/TIMESTAMP/INTERVAL as PostgreSQL prints them, BYTEA as hex text, JSON as parsed JSON',
});

export const rows = rowsOf(row);

export const rowCount = Type.Integer({ minimum: 0, description: 'How many rows the statement touched' });

export const returnedRows = Type.Array(row, { description: 'The RETURNING rows; empty when `returning` is not given' });

/** What update and delete return: the count, and the RETURNING rows. */
export const changedRows = Type.Object({ rowCount, rows: returnedRows });
