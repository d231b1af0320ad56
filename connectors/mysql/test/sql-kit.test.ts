import { ensureService, localServices } from '@mova/sdk';
import { sqlKitCases } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { MySqlError } from '../src/errors.js';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

// The SQL kit's shared cases (names, selects, guarded updates and deletes, transactions, connection
// checks, cancellation) against the local MariaDB, with what MariaDB and mysql2 say in each case.
beforeAll(() => ensureService(localServices.mariadb));

sqlKitCases(
  { describe, it, beforeAll, afterAll, beforeEach },
  {
    connector,
    connection,
    connectionString: 'mysql://root@127.0.0.1:3306/test?ssl-mode=DISABLED',
    alsoAccepted: [{ connectionString: 'mariadb://root@127.0.0.1/test?charset=utf8mb4', ssl: false }],
    foreignConnectionString: 'postgres://x@127.0.0.1/db',
    requireTls: { ssl: 'required' },
    admin,
    namespace: 'test',
    quote: '`',
    param: () => '?',
    createTable: (name) =>
      `CREATE TABLE ${name} (id int PRIMARY KEY, email varchar(100) NOT NULL UNIQUE, name varchar(100),
        balance int NOT NULL CHECK (balance >= 0)) ENGINE=InnoDB`,
    sumBalances: (table) => `SELECT CAST(sum(balance) AS SIGNED) AS total FROM ${table}`,
    sleep: (marker) => `SELECT SLEEP(10), '${marker}'`,
    running: async (marker) =>
      (
        await admin(
          "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE CONCAT('%', ?, '%') AND ID <> CONNECTION_ID()",
          [marker],
        )
      ).length,
    selectText: 'SELECT ? AS v',
    // A user allowed to read the table and nothing else.
    async restrict(table) {
      const reader = uniqueName('mova_reader');
      await admin(`CREATE USER '${reader}'@'127.0.0.1'`);
      await admin(`GRANT SELECT ON test.${table} TO '${reader}'@'127.0.0.1'`);
      return {
        before: [{ sql: `SELECT count(*) AS n FROM ${table}` }],
        auth: { ...connection, user: reader },
        drop: async () => void (await admin(`DROP USER IF EXISTS '${reader}'@'127.0.0.1'`)),
      };
    },
    outputs: {
      updated: (count) => ({ matchedRows: count, affectedRows: count }),
      deleted: (count) => ({ affectedRows: count }),
      statementUpdated: (count) => ({ rows: [], affectedRows: count, insertId: 0 }),
      statementSelected: (rows) => ({ rows }),
      // mysql2 returns a SIGNED sum as a decimal string.
      total: (sum) => String(sum),
    },
    errorClass: MySqlError,
    errors: {
      unknownColumn: { errorCode: 'ER_BAD_FIELD_ERROR' },
      noTable: { errorCode: 'ER_NO_SUCH_TABLE' },
      notNull: { errorCode: 'ER_BAD_NULL_ERROR' },
      duplicate: { errorCode: 'ER_DUP_ENTRY' },
      duplicateJson: { errno: 1062 },
      duplicateMessage: 'Duplicate entry',
      check: { sqlState: '23000' },
      permission: { errorCode: 'ER_TABLEACCESS_DENIED_ERROR' },
      noDatabase: { errorCode: 'ER_BAD_DB_ERROR' },
      tlsRefused: { errorCode: 'HANDSHAKE_NO_SSL_SUPPORT' },
    },
  },
);
