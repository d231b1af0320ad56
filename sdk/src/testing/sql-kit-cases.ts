import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connector } from '../define.js';
import { ValidationError } from '../errors.js';
import { runAction, testConnection } from '../harness.js';
import { assertFields, assertJsonEqual, assertRejects, type ExpectedFields } from './expect-fields.js';

/** The test runner's functions the cases register with (vitest's, passed in so the SDK does not import a runner). */
export interface TestRegistrar {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>, timeoutMs?: number): void;
  beforeAll(body: () => Promise<void>): void;
  afterAll(body: () => Promise<void>): void;
  beforeEach(body: () => Promise<void>): void;
}

/** One statement of the `transaction` action. */
export interface SqlStatement {
  sql: string;
  values?: unknown[];
}

/** A user or role that may read the kit's table but not change it. */
export interface RestrictedAccess {
  /** Statements that start the transaction as that user (e.g. `SET LOCAL ROLE …`), before the refused DELETE. */
  before: SqlStatement[];
  /** The connection to run the transaction with. */
  auth: Record<string, unknown>;
  drop(): Promise<void>;
}

/**
 * What the shared cases need to know of a SQL connector built on the SQL kit: its local server,
 * the SQL it speaks for set-up, the shapes of its outputs and how its driver reports each failure.
 */
export interface SqlKitDialect {
  connector: Connector;
  /** A working connection to the local server, as separate fields. */
  connection: Record<string, unknown>;
  /** The same server as a connection string. */
  connectionString: string;
  /** More ways to write a working connection that must be accepted (other schemes, `ssl: false`). */
  alsoAccepted: Record<string, unknown>[];
  /** Another SQL connector's connection string, which this one must refuse. */
  foreignConnectionString: string;
  /** Fields that ask the connection for TLS (the local server has none). */
  requireTls: Record<string, unknown>;
  /** Runs set-up and verification SQL straight on the server, not through the connector. */
  admin(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  /** The database or schema the connection opens, to name a table in it as `namespace.table`. */
  namespace: string;
  /** The character that quotes identifiers. */
  quote: '`' | '"';
  /** Bind parameter `index` (from 1) in this dialect's SQL: `?` or `$1`. */
  param(index: number): string;
  /**
   * DDL for the kit's table `name`: id integer primary key, email (up to 100 characters, unique,
   * not null), name (nullable text), balance integer not null CHECK (balance >= 0).
   */
  createTable(name: string): string;
  /** A SELECT of the table's balance sum as an integer column `total`. */
  sumBalances(table: string): string;
  /** A SELECT of parameter 1 as text, in a column `v`. */
  selectText: string;
  /** A statement that sleeps 10 s and carries `marker` in its text. */
  sleep(marker: string): string;
  /** How many statements other than this one the server runs whose text holds `marker`. */
  running(marker: string): Promise<number>;
  /** Makes a user or role that may read `table` and not change it. */
  restrict(table: string): Promise<RestrictedAccess>;
  outputs: {
    /** `rows.update` of `count` rows, each changed. */
    updated(count: number): unknown;
    /** `rows.delete` of `count` rows. */
    deleted(count: number): unknown;
    /** One result of `transaction`: an UPDATE of `count` rows. */
    statementUpdated(count: number): unknown;
    /** One result of `transaction`: a SELECT giving `rows`. */
    statementSelected(rows: Record<string, unknown>[]): unknown;
    /** `total` of `sumBalances` as the driver returns it. */
    total(sum: number): unknown;
  };
  /** The class of the connector's own errors. */
  errorClass: abstract new (
    ...args: never[]
  ) => Error;
  /** Each failure's driver fields (`sqlState`, `errorCode`, …), beyond the kind the cases check. */
  errors: {
    unknownColumn: ExpectedFields;
    noTable: ExpectedFields;
    notNull: ExpectedFields;
    duplicate: ExpectedFields;
    /** The fields of the duplicate-key error's toJSON(). */
    duplicateJson: ExpectedFields;
    /** How the server's duplicate-key message starts. */
    duplicateMessage: string;
    check: ExpectedFields;
    permission: ExpectedFields;
    noDatabase: ExpectedFields;
    tlsRefused: ExpectedFields;
  };
}

/** How long {@link SqlKitDialect.sleep}'s statement sleeps. */
const SLEEP_MS = 10_000;

const SEED = [
  { id: 1, email: 'ada@example.com', name: 'Ada', balance: 100 },
  { id: 2, email: 'bob@example.com', name: null, balance: 0 },
  { id: 3, email: 'cy@example.com', name: 'Cy', balance: 5 },
];

/**
 * The SQL kit's behaviour every SQL connector must show against its real local server: quoted
 * names and guarded updates and deletes in the row actions, all-or-nothing transactions with the
 * failing statement named, failures classified into kinds, and connection checks. Each connector's
 * own tests call it with its dialect and add what only that connector does.
 *
 * @example
 * import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
 * sqlKitCases({ describe, it, beforeAll, afterAll, beforeEach }, postgresDialect);
 */
export function sqlKitCases(test: TestRegistrar, dialect: SqlKitDialect): void {
  const { describe, it } = test;
  const table = `mova_kit_${randomBytes(5).toString('hex')}`;
  const { connection, quote: q, param } = dialect;
  const run = (key: string, input: unknown, auth: Record<string, unknown> = connection) =>
    runAction(dialect.connector, key, input, { auth });
  const transaction = (statements: SqlStatement[], auth: Record<string, unknown> = connection) =>
    run('transaction', { statements }, auth);
  const balances = () => dialect.admin(`SELECT id, balance FROM ${table} ORDER BY id`);
  const unchanged = async () =>
    assertJsonEqual(
      await balances(),
      SEED.map(({ id, balance }) => ({ id, balance })),
      'balances',
    );
  const count = async (where = '') =>
    Number((await dialect.admin(`SELECT count(*) AS n FROM ${table} ${where}`))[0]?.n);
  let restricted: RestrictedAccess | undefined;

  test.beforeAll(async () => {
    await dialect.admin(dialect.createTable(table));
    restricted = await dialect.restrict(table);
  });
  test.afterAll(async () => {
    await restricted?.drop();
    await dialect.admin(`DROP TABLE IF EXISTS ${table}`);
  });
  test.beforeEach(async () => {
    await dialect.admin(`DELETE FROM ${table}`);
    for (const row of SEED) {
      await dialect.admin(
        `INSERT INTO ${table} (id, email, name, balance) VALUES (${[1, 2, 3, 4].map(param).join(', ')})`,
        [row.id, row.email, row.name, row.balance],
      );
    }
  });

  describe('SQL kit: names', () => {
    it('quotes column names, so an injection attempt there is just an unknown column', async () => {
      await assertRejects(
        run('rows.select', { table, columns: [`email${q}, (SELECT 1) AS ${q}x`] }),
        { kind: 'invalid_input', ...dialect.errors.unknownColumn },
        'rows.select',
      );
    });

    it(`refuses a name with more than ${dialect.namespace === 'public' ? 'schema' : 'database'}.table`, async () => {
      await assertRejects(
        run('rows.select', { table: 'a.b.c' }),
        { kind: 'invalid_input', actionKey: 'rows.select' },
        'rows.select',
      );
    });

    it('reaches a table qualified by its namespace, and reports a missing one as not_found', async () => {
      assertFields(
        await run('rows.select', { table: `${dialect.namespace}.${table}` }),
        { rowCount: SEED.length },
        'select',
      );
      await assertRejects(
        run('rows.select', { table: `${dialect.namespace}.${table}_nope` }),
        { kind: 'not_found', ...dialect.errors.noTable },
        'rows.select',
      );
    });
  });

  describe('SQL kit: rows.select', () => {
    it('filters by equalities, sorts and pages', async () => {
      assertJsonEqual(
        await run('rows.select', {
          table,
          columns: ['email', 'balance'],
          orderBy: [{ column: 'balance', direction: 'desc' }],
          limit: 2,
          offset: 1,
        }),
        {
          rows: [
            { email: 'cy@example.com', balance: 5 },
            { email: 'bob@example.com', balance: 0 },
          ],
          rowCount: 2,
        },
        'select',
      );
      assertJsonEqual(
        await run('rows.select', { table, columns: ['name'], where: { email: 'cy@example.com', balance: 5 } }),
        { rows: [{ name: 'Cy' }], rowCount: 1 },
        'select',
      );
    });

    it('matches NULL when a where value is null', async () => {
      assertJsonEqual(
        await run('rows.select', { table, columns: ['email'], where: { name: null } }),
        { rows: [{ email: 'bob@example.com' }], rowCount: 1 },
        'select',
      );
    });

    it('sorts ascending by default', async () => {
      assertJsonEqual(
        await run('rows.select', { table, columns: ['balance'], orderBy: [{ column: 'balance' }] }),
        { rows: [{ balance: 0 }, { balance: 5 }, { balance: 100 }], rowCount: 3 },
        'select',
      );
    });

    it('treats an injection attempt in a filter as a value that matches nothing', async () => {
      for (const email of [`x' OR '1'='1`, `'; DROP TABLE ${table}; --`]) {
        assertJsonEqual(await run('rows.select', { table, where: { email } }), { rows: [], rowCount: 0 }, email);
      }
      assertJsonEqual(await count(), SEED.length, 'rows left');
    });
  });

  describe('SQL kit: guarded updates and deletes', () => {
    it('refuses an update with an empty where unless allRows is true', async () => {
      await assertRejects(
        run('rows.update', { table, set: { balance: 0 } }),
        { kind: 'invalid_input', actionKey: 'rows.update', message: /refusing to update every row/ },
        'rows.update',
      );
      await assertRejects(
        run('rows.update', { table, set: { balance: 0 }, where: {} }),
        { kind: 'invalid_input' },
        'rows.update',
      );
      await unchanged();
      assertJsonEqual(
        await run('rows.update', { table, set: { balance: 7 }, allRows: true }),
        dialect.outputs.updated(3),
        'update',
      );
      assertJsonEqual(await count('WHERE balance = 7'), 3, 'rows updated');
    });

    it('refuses a delete with an empty where unless allRows is true', async () => {
      await assertRejects(
        run('rows.delete', { table }),
        { kind: 'invalid_input', actionKey: 'rows.delete', message: /refusing to delete every row/ },
        'rows.delete',
      );
      await assertRejects(run('rows.delete', { table, where: {} }), { kind: 'invalid_input' }, 'rows.delete');
      await unchanged();
      assertJsonEqual(await run('rows.delete', { table, allRows: true }), dialect.outputs.deleted(3), 'delete');
      assertJsonEqual(await count(), 0, 'rows left');
    });

    it('reports a NOT NULL violation as invalid_input', async () => {
      await assertRejects(
        run('rows.update', { table, set: { email: null }, where: { id: 2 } }),
        { kind: 'invalid_input', ...dialect.errors.notNull },
        'rows.update',
      );
      await unchanged();
    });
  });

  describe('SQL kit: transaction', () => {
    it('runs every statement and returns one result each', async () => {
      const moved = await transaction([
        { sql: `UPDATE ${table} SET balance = balance - ${param(1)} WHERE id = ${param(2)}`, values: [40, 1] },
        { sql: `UPDATE ${table} SET balance = balance + ${param(1)} WHERE id = ${param(2)}`, values: [40, 2] },
        { sql: dialect.sumBalances(table) },
      ]);
      assertJsonEqual(
        moved,
        {
          results: [
            dialect.outputs.statementUpdated(1),
            dialect.outputs.statementUpdated(1),
            dialect.outputs.statementSelected([{ total: dialect.outputs.total(105) }]),
          ],
        },
        'transaction',
      );
      assertJsonEqual(
        await balances(),
        [
          { id: 1, balance: 60 },
          { id: 2, balance: 40 },
          { id: 3, balance: 5 },
        ],
        'balances',
      );
    });

    it('rolls everything back and names the failing statement by index', async () => {
      const error = await assertRejects(
        transaction([
          { sql: `UPDATE ${table} SET balance = 0 WHERE id = 1` },
          {
            sql: `INSERT INTO ${table} (id, email, balance) VALUES (${param(1)}, ${param(2)}, 5)`,
            values: [4, 'dee@example.com'],
          },
          {
            sql: `INSERT INTO ${table} (id, email, balance) VALUES (${param(1)}, ${param(2)}, 5)`,
            values: [2, 'eve@example.com'],
          },
          { sql: `UPDATE ${table} SET balance = 1 WHERE id = 2` },
        ]),
        {
          kind: 'conflict',
          statementIndex: 2,
          actionKey: 'transaction',
          message: new RegExp(`^transaction rolled back: statement 2 failed: ${dialect.errors.duplicateMessage}`),
          ...dialect.errors.duplicate,
        },
        'transaction',
        dialect.errorClass,
      );
      assertFields(
        (error as { toJSON(): unknown }).toJSON(),
        { statementIndex: 2, kind: 'conflict', ...dialect.errors.duplicateJson },
        'toJSON()',
      );
      await unchanged();
    });

    it('classifies a CHECK violation as invalid_input', async () => {
      await assertRejects(
        transaction([
          { sql: `UPDATE ${table} SET balance = balance + 10 WHERE id = 2` },
          { sql: `UPDATE ${table} SET balance = balance - ${param(1)} WHERE id = ${param(2)}`, values: [500, 1] },
        ]),
        { kind: 'invalid_input', statementIndex: 1, ...dialect.errors.check },
        'transaction',
      );
      await unchanged();
    });

    it('classifies a permission error as auth', async () => {
      const access = restricted as RestrictedAccess;
      await assertRejects(
        transaction([...access.before, { sql: `DELETE FROM ${table}` }], access.auth),
        { kind: 'auth', statementIndex: access.before.length, ...dialect.errors.permission },
        'transaction',
      );
      await unchanged();
    });

    it('keeps injection attempts in values as data', async () => {
      const evil = `1; DROP TABLE ${table}; --`;
      assertJsonEqual(
        await transaction([{ sql: dialect.selectText, values: [evil] }]),
        { results: [dialect.outputs.statementSelected([{ v: evil }])] },
        'transaction',
      );
      await unchanged();
    });
  });

  describe('SQL kit: testConnection', () => {
    it('accepts a working connection given as fields or as a connection string', async () => {
      await testConnection(dialect.connector, connection);
      await testConnection(dialect.connector, { connectionString: dialect.connectionString });
      for (const auth of dialect.alsoAccepted) await testConnection(dialect.connector, auth);
    });

    it('reports a missing database as not_found', async () => {
      const database = `mova_nodb_${randomBytes(5).toString('hex')}`;
      await assertRejects(
        testConnection(dialect.connector, { ...connection, database }),
        { kind: 'not_found', ...dialect.errors.noDatabase },
        'testConnection',
      );
    });

    it('reports a closed port as transient', async () => {
      await assertRejects(
        testConnection(dialect.connector, { ...connection, port: 1 }),
        { kind: 'transient', retryable: true, message: /ECONNREFUSED/ },
        'testConnection',
      );
    });

    it('reports TLS asked of a server without it as a connection problem', async () => {
      await assertRejects(
        testConnection(dialect.connector, { ...connection, ...dialect.requireTls }),
        { kind: 'auth', hint: /ssl/, ...dialect.errors.tlsRefused },
        'testConnection',
      );
    });

    it('refuses a connection that is neither a string nor has a host', async () => {
      await assertRejects(testConnection(dialect.connector, { user: connection.user }), {}, 'fields', ValidationError);
      await assertRejects(
        testConnection(dialect.connector, { connectionString: dialect.foreignConnectionString }),
        {},
        'foreign string',
        ValidationError,
      );
    });

    it('refuses a connection string mixed with separate fields', async () => {
      await assertRejects(
        testConnection(dialect.connector, { connectionString: dialect.connectionString, host: '127.0.0.1' }),
        { kind: 'invalid_input', message: /both a connection string and host/ },
        'testConnection',
      );
    });
  });

  describe('SQL kit: cancellation', () => {
    // The case may take as long as twice the sleep, so a statement that is not cancelled fails on its
    // checks below, not on the runner's default timeout.
    it(
      'rejects with the abort reason and stops the statement on the server',
      async () => {
        const marker = `mova_cancel_${randomBytes(5).toString('hex')}`;
        const controller = new AbortController();
        const sent = Date.now();
        const query = runAction(
          dialect.connector,
          'query',
          { sql: dialect.sleep(marker) },
          { auth: connection, signal: controller.signal },
        );
        let settled = false;
        query.then(
          () => (settled = true),
          () => (settled = true),
        );
        // Abort once the server runs the statement, not after a fixed delay: on a loaded machine a
        // timer can fire before the statement is sent, and the case would test an early abort instead.
        while (!settled && (await dialect.running(marker)) === 0) await sleep(20);
        controller.abort(new Error('step timed out'));
        await assertRejects(query, { message: /step timed out/ }, 'query');
        while ((await dialect.running(marker)) > 0) await sleep(50);
        // The statement sleeps SLEEP_MS. Gone sooner, it was stopped on the server (not left to run by
        // a client that merely stopped waiting), and the rejection did not wait for it either. No tighter
        // bound: cancelling takes milliseconds, but a loaded machine may stretch that to seconds.
        assertFields(
          { stoppedEarly: Date.now() - sent < SLEEP_MS },
          { stoppedEarly: true },
          'stopped before its sleep ended',
        );
      },
      2 * SLEEP_MS,
    );
  });
}
