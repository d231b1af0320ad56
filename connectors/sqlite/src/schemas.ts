import { Type } from '@mova/sdk';
import { rowsOf } from '@mova/sdk/sql';

/** SQLite's own field and result schemas; the SQL kit has the ones every dialect shares. */

export const tableField = Type.String({
  minLength: 1,
  description: 'Table name, "table" or "schema.table" (main or temp); names compare case-blind as SQLite does',
});

export const row = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'One row, column name to value. INTEGER and REAL come back as numbers (an integer beyond 2^53 as its decimal text, so no digit is lost), TEXT as strings, BLOB as base64 text, NULL as null',
});

export const rows = rowsOf(row);

export const valuesField = (description: string) =>
  Type.Array(Type.Unknown(), {
    default: [],
    description: `${description}: null is NULL, true/false are 1/0, arrays and objects are stored as JSON text`,
  });

export const rowCount = Type.Integer({ minimum: 0, description: 'How many rows the statement touched' });

export const returnedRows = Type.Array(row, { description: 'The RETURNING rows; empty when `returning` is not given' });

/** What update and delete return: the count, and the RETURNING rows. */
export const changedRows = Type.Object({ rowCount, rows: returnedRows });

/** What `query` and each statement of `transaction` return. */
export const statementResult = {
  command: Type.String({ description: "The statement's first keyword: SELECT, INSERT, UPDATE, CREATE ..." }),
  rows,
  changes: Type.Integer({
    minimum: 0,
    description: 'Rows inserted, updated or deleted by the statement (not counting triggers); 0 for other statements',
  }),
  lastInsertRowid: Type.Union([Type.Integer(), Type.String(), Type.Null()], {
    description: 'The rowid of the last row an INSERT added (text beyond 2^53); null when it added none',
  }),
};
