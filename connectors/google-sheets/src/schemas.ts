import { Type } from '@mova/sdk';

export const spreadsheetIdField = Type.String({
  minLength: 10,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'Spreadsheet id: the part of its URL between /d/ and /edit',
});

export const sheetField = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'Name of the sheet (tab), e.g. Sheet1',
});

export const headerRowField = Type.Integer({
  minimum: 1,
  default: 1,
  description: 'Row number holding the column names (default 1); data rows follow it',
});

export const valueRenderField = Type.Union(
  [Type.Literal('FORMATTED_VALUE'), Type.Literal('UNFORMATTED_VALUE'), Type.Literal('FORMULA')],
  {
    default: 'FORMATTED_VALUE',
    description:
      'How cells are read: FORMATTED_VALUE as shown in the sheet (text, default), UNFORMATTED_VALUE as numbers and booleans, FORMULA as the formulas typed',
  },
);

export const valueInputField = Type.Union([Type.Literal('USER_ENTERED'), Type.Literal('RAW')], {
  default: 'USER_ENTERED',
  description:
    'How written values are read: USER_ENTERED as if typed into the sheet (numbers, dates and =formulas are parsed, default), RAW stored as given',
});

export const cellField = Type.Union([Type.String(), Type.Number(), Type.Boolean()], {
  description: 'A cell: text, a number or a boolean',
});

const inputCell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()], {
  description: 'A cell value; null leaves the cell as it is, "" empties it',
});

export const rowValuesField = Type.Record(Type.String(), inputCell, {
  description: 'Cells by column name (the text of the header row), e.g. {"Email": "ada@example.com"}',
});

export const rowArrayField = Type.Array(inputCell, {
  description: 'Cells from column A rightwards, e.g. ["Ada", "ada@example.com", 36]',
});

export const rowSchema = Type.Object({
  rowNumber: Type.Integer({ minimum: 1, description: 'Row number in the sheet (1-based, as shown at the left)' }),
  values: Type.Record(Type.String(), cellField, {
    description: 'Cells by column name (from the header row; a blank header is named by its column letter)',
  }),
});

export const sheetSchema = Type.Object({
  sheetId: Type.Integer({ minimum: 0, description: 'Numeric id of the sheet (the gid in its URL)' }),
  title: Type.String({ description: 'Name of the sheet (tab)' }),
  index: Type.Integer({ minimum: 0, description: 'Position among the tabs, from 0' }),
  rowCount: Type.Integer({ minimum: 0, description: 'Rows in the grid' }),
  columnCount: Type.Integer({ minimum: 0, description: 'Columns in the grid' }),
  hidden: Type.Boolean({ description: 'Whether the tab is hidden' }),
});
