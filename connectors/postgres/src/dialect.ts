import { onConflictClause, quoteWith, type SqlDialect, standardTransactionControl } from '@mova/sdk/sql';
import { describeFailure, PostgresError } from './errors.js';

const quote = quoteWith('"');

// pg_class.relkind codes of the relations that hold or show rows.
const TABLE_TYPES = { r: 'table', p: 'partitioned table', v: 'view', m: 'materialized view', f: 'foreign table' };

/** Where PostgreSQL differs; everything else is the SQL kit's. */
export const postgres: SqlDialect = {
  name: 'PostgreSQL',
  qualifier: 'schema',
  quoteIdentifier: quote,
  placeholder: (index) => `$${index}`,
  // The wire protocol numbers parameters with 16 bits.
  maxParameters: 65_535,
  upsertClause: (conflict, inserted) => onConflictClause(quote, conflict, inserted),
  returningClause: (columns) => ` RETURNING ${columns}`,
  comments: { nestedBlocks: true },
  /**
   * BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT and PREPARE TRANSACTION end or open a
   * transaction; SAVEPOINT, RELEASE and ROLLBACK TO SAVEPOINT stay inside it. PostgreSQL commits
   * nothing implicitly: its DDL is transactional.
   */
  transactionRefusal(words) {
    const [first, second] = words;
    if (first === 'END' || first === 'ABORT') return { command: first, reason: 'control' };
    if (first === 'PREPARE' && second === 'TRANSACTION') return { command: 'PREPARE TRANSACTION', reason: 'control' };
    return standardTransactionControl(words);
  },
  introspection: {
    currentSchema: { text: 'SELECT current_schema() AS name', values: [] },
    tables: (schema) => ({
      text: `SELECT c.relname AS name, c.relkind AS type
               FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              ORDER BY c.relname`,
      values: [schema],
    }),
    tableTypes: TABLE_TYPES,
    schemaExists: (schema) => ({ text: 'SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', values: [schema] }),
    // regclass resolves the quoted name as SQL would (search_path included) and raises
    // undefined_table when there is none, which becomes a not_found error. The LEFT JOIN keeps
    // one row for a table without columns, so its name still comes back.
    columns: (_table, quoted) => ({
      text: `SELECT n.nspname AS schema, c.relname AS table, a.attname AS name,
                    format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
                    CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default,
                    EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                             WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS primary_key
               FROM pg_catalog.pg_class c
               JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
               LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
               LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
              WHERE c.oid = $1::regclass
              ORDER BY a.attnum`,
      values: [quoted],
    }),
    missingTable: { hint: 'Check the table name; an unqualified name is looked up on the search_path.' },
  },
  errorClass: PostgresError,
  describeFailure,
  tlsHint: 'Give the server a certificate your CA trusts, or set ssl to "require" to encrypt without checking it.',
};
