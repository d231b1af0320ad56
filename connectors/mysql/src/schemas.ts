import { Type } from '@mova/sdk';
import { rowsOf } from '@mova/sdk/sql';

/** MySQL's own field and result schemas; the SQL kit has the ones every dialect shares. */

export const tableField = Type.String({
  minLength: 1,
  description: 'Table name, "table" (in the connection\'s database) or "database.table"',
});

export const row = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'One row, column name to value. BIGINT and DECIMAL come back as strings (no precision is lost), DATE/DATETIME/TIMESTAMP as the server prints them, binary columns as hex text, JSON as parsed JSON',
});

export const rows = rowsOf(row);

export const affectedRows = Type.Integer({
  minimum: 0,
  description: 'Rows the statement wrote: inserted, changed or deleted (an upsert counts 2 per row it updated)',
});

export const insertId = Type.Union([Type.Integer({ minimum: 0 }), Type.String()], {
  description:
    'The first AUTO_INCREMENT id the statement generated; 0 when none. A string beyond 2^53, like other big integers.',
});
