import { quoteWith, type SqlDialect, type SqlRefusal, standardTransactionControl, type Upsert } from '@mova/sdk/sql';
import { describeFailure, MySqlError } from './errors.js';

const quote = quoteWith('`');

// information_schema.TABLES.TABLE_TYPE values; SEQUENCE and TEMPORARY are MariaDB's.
const TABLE_TYPES = {
  'BASE TABLE': 'table',
  VIEW: 'view',
  'SYSTEM VIEW': 'system view',
  SEQUENCE: 'sequence',
  TEMPORARY: 'temporary table',
};

/** Where MySQL and MariaDB differ; everything else is the SQL kit's. */
export const mysql: SqlDialect = {
  name: 'MySQL',
  qualifier: 'database',
  // A dot or backtick inside a part stays part of the name.
  quoteIdentifier: quote,
  placeholder: () => '?',
  // The binary protocol counts a prepared statement's parameters in 16 bits.
  maxParameters: 65_535,
  upsertClause,
  comments: { hash: true, dashDashNeedsSpace: true, executableComments: true },
  transactionRefusal,
  introspection: {
    currentSchema: { text: 'SELECT DATABASE() AS name', values: [] },
    tables: (database) => ({
      text: `SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES
              WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`,
      values: [database],
    }),
    tableTypes: TABLE_TYPES,
    schemaExists: (database) => ({
      text: 'SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      values: [database],
    }),
    // MariaDB reports a NULL default as the word NULL (a string default comes quoted); MySQL
    // leaves the column NULL. VERSION() tells the two apart so both come back as null.
    columns: ({ schema, table }) => ({
      text: `SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS \`table\`, COLUMN_NAME AS name, COLUMN_TYPE AS type,
                    IS_NULLABLE = 'YES' AS nullable,
                    CASE WHEN COLUMN_DEFAULT = 'NULL' AND VERSION() LIKE '%MariaDB%' THEN NULL ELSE COLUMN_DEFAULT END AS \`default\`,
                    COLUMN_KEY = 'PRI' AS primary_key, LOCATE('auto_increment', EXTRA) > 0 AS auto_increment
               FROM information_schema.COLUMNS
              WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?
              ORDER BY ORDINAL_POSITION`,
      values: [schema, table],
    }),
    missingTable: {
      hint: "Check the table name, and the database: without one the connection's database is used.",
      errorCode: 'ER_NO_SUCH_TABLE',
    },
  },
  errorClass: MySqlError,
  describeFailure,
  tlsHint: 'Give the server a certificate your CA trusts, or set ssl to "required" to encrypt without checking it.',
};

/**
 * ON DUPLICATE KEY UPDATE with VALUES(col): MySQL 8.0.20 prefers a row alias, which MariaDB does
 * not parse; VALUES() works on both. "nothing" assigns a column to itself, which changes no row;
 * INSERT IGNORE would also swallow unrelated errors (bad values, foreign keys) as warnings.
 * MySQL takes no conflict target: any unique key counts.
 */
function upsertClause(conflict: Upsert, inserted: string[]): string {
  if (conflict.do === 'nothing') {
    const [first = ''] = inserted;
    return ` ON DUPLICATE KEY UPDATE ${quote(first)} = ${quote(first)}`;
  }
  const assignments = (conflict.update ?? inserted).map((c) => `${quote(c)} = VALUES(${quote(c)})`);
  return ` ON DUPLICATE KEY UPDATE ${assignments.join(', ')}`;
}

// Statements MySQL and MariaDB commit implicitly, by leading keyword: DDL, account and admin
// statements (https://mariadb.com/kb/en/sql-statements-that-cause-an-implicit-commit/,
// https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html). They commit even when they fail.
const IMPLICIT_COMMIT = new Set([
  'ALTER',
  'ANALYZE',
  'CACHE',
  'CHANGE',
  'CHECK',
  'CREATE',
  'DROP',
  'FLUSH',
  'GRANT',
  'INSTALL',
  'LOCK',
  'OPTIMIZE',
  'RENAME',
  'REPAIR',
  'RESET',
  'REVOKE',
  'SHUTDOWN',
  'STOP',
  'TRUNCATE',
  'UNINSTALL',
  'UNLOCK',
]);

/**
 * A statement that ends or opens a transaction (BEGIN, START TRANSACTION, COMMIT, ROLLBACK, XA,
 * SET autocommit), or one that commits implicitly (DDL and the like; CREATE/DROP TEMPORARY TABLE
 * excepted, they do not). SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT are allowed.
 */
function transactionRefusal(words: string[], sql: string): SqlRefusal | undefined {
  const standard = standardTransactionControl(words);
  if (standard) return standard;
  const [first = '', second, third, fourth] = words;
  const implicit = (command: string): SqlRefusal => ({ command, reason: 'implicit-commit' });
  switch (first) {
    case 'XA':
      return { command: first, reason: 'control' };
    case 'ROLLBACK':
      // ROLLBACK TO SAVEPOINT, which the standard reading let pass.
      return undefined;
    case 'START':
      return implicit(`START ${second ?? ''}`.trim());
    case 'SET':
      if (second === 'PASSWORD') return implicit('SET PASSWORD');
      return /\bautocommit\b/i.test(sql) ? { command: 'SET autocommit', reason: 'control' } : undefined;
    case 'CREATE':
    case 'DROP': {
      const temporary = second === 'OR' && third === 'REPLACE' ? fourth : second;
      if (temporary === 'TEMPORARY') return undefined;
      break;
    }
    case 'LOAD':
      // LOAD INDEX INTO CACHE commits; LOAD DATA and LOAD XML write rows like INSERT.
      return second === 'INDEX' ? implicit('LOAD INDEX') : undefined;
  }
  return IMPLICIT_COMMIT.has(first) ? implicit(first) : undefined;
}
