import { onConflictClause, quoteWith, type SqlDialect, standardTransactionControl } from '@mova/sdk/sql';
import { describeFailure, SqliteError } from './errors.js';

const quote = quoteWith('"');

/** Where SQLite differs; everything else is the SQL kit's. */
export const sqlite: SqlDialect = {
  name: 'SQLite',
  // `main`, `temp` and attached databases qualify names as a schema does.
  qualifier: 'schema',
  quoteIdentifier: quote,
  placeholder: () => '?',
  // SQLITE_MAX_VARIABLE_NUMBER of the bundled build (PRAGMA compile_options).
  maxParameters: 32_766,
  upsertClause: (conflict, inserted) => onConflictClause(quote, conflict, inserted),
  // SQLite has had RETURNING since 3.35; the bundled build is newer.
  returningClause: (columns) => ` RETURNING ${columns}`,
  comments: {},
  /**
   * BEGIN, COMMIT, END and ROLLBACK end or open a transaction; SAVEPOINT, RELEASE and ROLLBACK TO
   * stay inside it. SQLite commits nothing implicitly: its DDL is transactional.
   */
  transactionRefusal(words) {
    if (words[0] === 'END') return { command: 'END', reason: 'control' };
    return standardTransactionControl(words);
  },
  introspection: {
    currentSchema: { text: "SELECT 'main' AS name", values: [] },
    tables: (schema) => ({
      text: `SELECT name, type FROM ${quote(schema)}.sqlite_schema
              WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
      values: [],
    }),
    tableTypes: { table: 'table', view: 'view' },
    schemaExists: (schema) => ({ text: 'SELECT 1 FROM pragma_database_list WHERE name = ?', values: [schema] }),
    // Names compare case-blind in SQLite; the LEFT JOIN keeps the name of a table that has no
    // columns to show. Each call opens the file anew, so unqualified names are main's. An INTEGER
    // PRIMARY KEY is the rowid and never NULL, though its NOT NULL flag is not set.
    columns: ({ schema, table }) => {
      const where = schema ?? 'main';
      return {
        text: `SELECT m.schema AS schema, m.name AS "table", c.name AS name, c.type AS type,
                      NOT c."notnull" AND NOT (c.pk > 0 AND upper(c.type) = 'INTEGER') AS nullable, c.dflt_value AS "default", c.pk > 0 AS primary_key
                 FROM (SELECT ? AS schema, name FROM ${quote(where)}.sqlite_schema
                        WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE) AS m
                 LEFT JOIN pragma_table_info(m.name, m.schema) AS c
                ORDER BY c.cid`,
        values: [where, table],
      };
    },
    missingTable: { hint: 'Check the table name; tables.list shows the tables of the database.' },
  },
  errorClass: SqliteError,
  describeFailure,
  tlsHint: 'SQLite opens a local file: there is no TLS to configure.',
};
