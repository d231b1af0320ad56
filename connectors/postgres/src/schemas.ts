import { Type } from '@mova/sdk';

/** Shared field and result schemas, so every action describes tables, rows and filters alike. */

export const tableField = Type.String({
  minLength: 1,
  description: 'Table name, "table" or "schema.table"; an unqualified name is looked up on the search_path',
});

export const row = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'One row, column name to value. BIGINT and NUMERIC come back as strings (no precision is lost), REAL and DOUBLE PRECISION as numbers except NaN, Infinity and -Infinity, which JSON cannot hold and come back as the strings "NaN", "Infinity" and "-Infinity", DATE/TIME/TIMESTAMP/INTERVAL as PostgreSQL prints them, BYTEA as hex text, JSON as parsed JSON',
});

export const rows = Type.Array(row, { description: 'The rows, in the order the server returned them' });

export const rowCount = Type.Integer({ minimum: 0, description: 'How many rows the statement touched' });

const scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const whereField = Type.Record(Type.String(), scalar, {
  description:
    'Equality conditions, column to value, joined with AND; null matches NULL. Values are sent as parameters.',
});

export const returningField = Type.Array(Type.String({ minLength: 1 }), {
  minItems: 1,
  description: 'Columns to return from the affected rows (RETURNING); ["*"] for all of them',
});

export const returnedRows = Type.Array(row, { description: 'The RETURNING rows; empty when `returning` is not given' });
