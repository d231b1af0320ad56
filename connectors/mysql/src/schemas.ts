import { Type } from '@mova/sdk';

/** Shared field and result schemas, so every action describes tables, rows and filters alike. */

export const tableField = Type.String({
  minLength: 1,
  description: 'Table name, "table" (in the connection\'s database) or "database.table"',
});

export const row = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'One row, column name to value. BIGINT and DECIMAL come back as strings (no precision is lost), DATE/DATETIME/TIMESTAMP as the server prints them, binary columns as hex text, JSON as parsed JSON',
});

export const rows = Type.Array(row, { description: 'The rows, in the order the server returned them' });

export const affectedRows = Type.Integer({
  minimum: 0,
  description: 'Rows the statement wrote: inserted, changed or deleted (an upsert counts 2 per row it updated)',
});

export const insertId = Type.Union([Type.Integer({ minimum: 0 }), Type.String()], {
  description:
    'The first AUTO_INCREMENT id the statement generated; 0 when none. A string beyond 2^53, like other big integers.',
});

const scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const whereField = Type.Record(Type.String(), scalar, {
  description:
    'Equality conditions, column to value, joined with AND; null matches NULL. Values are sent as parameters.',
});
