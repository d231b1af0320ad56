import { ensureService, localServices } from '@mova/sdk';
import { sqlKitCases } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { PostgresError } from '../src/errors.js';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

// The SQL kit's shared cases (names, selects, guarded updates and deletes, transactions, connection
// checks, cancellation) against the local PostgreSQL, with what PostgreSQL and pg say in each case.
beforeAll(() => ensureService(localServices.postgres));

sqlKitCases(
  { describe, it, beforeAll, afterAll, beforeEach },
  {
    connector,
    connection,
    connectionString: 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable',
    alsoAccepted: [{ connectionString: 'postgresql://postgres@127.0.0.1/test', ssl: false }],
    foreignConnectionString: 'mysql://x@127.0.0.1/db',
    requireTls: { ssl: 'require' },
    admin: async (sql, values) => (await admin(sql, values)).rows,
    namespace: 'public',
    quote: '"',
    param: (index) => `$${index}`,
    createTable: (name) =>
      `CREATE TABLE ${name} (id integer PRIMARY KEY, email varchar(100) NOT NULL UNIQUE, name text,
        balance integer NOT NULL CHECK (balance >= 0))`,
    sumBalances: (table) => `SELECT sum(balance)::int AS total FROM ${table}`,
    sleep: (marker) => `SELECT pg_sleep(10), '${marker}'`,
    running: async (marker) =>
      (
        await admin("SELECT pid FROM pg_stat_activity WHERE query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()", [
          marker,
        ])
      ).rows.length,
    selectText: 'SELECT $1::text AS v',
    // A role with no rights on the table, taken for the transaction only.
    async restrict() {
      const role = uniqueName('mova_role');
      await admin(`CREATE ROLE ${role} NOLOGIN`);
      return {
        before: [{ sql: `SET LOCAL ROLE ${role}` }],
        auth: connection,
        drop: async () => void (await admin(`DROP ROLE IF EXISTS ${role}`)),
      };
    },
    outputs: {
      updated: (count) => ({ rowCount: count, rows: [] }),
      deleted: (count) => ({ rowCount: count, rows: [] }),
      statementUpdated: (count) => ({ command: 'UPDATE', rowCount: count, rows: [] }),
      statementSelected: (rows) => ({ command: 'SELECT', rowCount: rows.length, rows }),
      total: (sum) => sum,
    },
    errorClass: PostgresError,
    errors: {
      unknownColumn: { sqlState: '42703' },
      noTable: { sqlState: '42P01' },
      notNull: { sqlState: '23502' },
      duplicate: { sqlState: '23505' },
      duplicateJson: { sqlState: '23505' },
      duplicateMessage: 'duplicate key',
      check: { sqlState: '23514' },
      permission: { sqlState: '42501' },
      noDatabase: { sqlState: '3D000' },
      tlsRefused: {},
    },
  },
);
