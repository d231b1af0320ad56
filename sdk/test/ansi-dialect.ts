import {
  quoteWith,
  type SqlDialect,
  SqlError,
  type SqlFailure,
  standardTransactionControl,
} from '../src/kits/sql/index.js';

export class AnsiError extends SqlError {}

/** A dialect for the kit's own tests: standard SQL with $n placeholders and a tiny parameter limit. */
export const ansi: SqlDialect = {
  name: 'AnsiSQL',
  qualifier: 'schema',
  quoteIdentifier: quoteWith('"'),
  placeholder: (index) => `$${index}`,
  maxParameters: 6,
  upsertClause: (conflict, inserted) =>
    conflict.do === 'nothing'
      ? ' ON CONFLICT DO NOTHING'
      : ` ON CONFLICT DO UPDATE SET ${(conflict.update ?? inserted).map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`,
  returningClause: (columns) => ` RETURNING ${columns}`,
  comments: { nestedBlocks: true },
  transactionRefusal: (words) => standardTransactionControl(words),
  introspection: {
    currentSchema: { text: 'SELECT current_schema() AS name', values: [] },
    tables: (schema) => ({ text: 'TABLES', values: [schema] }),
    tableTypes: { 'BASE TABLE': 'table', VIEW: 'view' },
    schemaExists: (schema) => ({ text: 'SCHEMA', values: [schema] }),
    columns: (table, quoted) => ({ text: `COLUMNS ${quoted}`, values: [table.schema, table.table] }),
    missingTable: { hint: 'Check the table name.', errorCode: 'NO_TABLE' },
  },
  errorClass: AnsiError,
  describeFailure(error): SqlFailure | undefined {
    const sqlState = Reflect.get(error as object, 'sqlState');
    if (typeof sqlState !== 'string') return undefined;
    return {
      kind: sqlState.startsWith('23') ? 'conflict' : 'invalid_input',
      what: `${(error as Error).message} (SQLSTATE ${sqlState})`,
      sqlState,
    };
  },
  tlsHint: 'Fix ssl.',
};
