import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConnectorStore } from '@mova/runtime';
import { emptyLockfile, writeLockfile } from '@mova/runtime/lockfile';
import { ensureService, localServices } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.js';

// The first-party PostgreSQL connector from this checkout's connectors/ folder, against the local
// PostgreSQL (127.0.0.1:5432, database test). Everything lives in schemas of this test run's own:
// one for the table the workflow writes, one for the PostgreSQL run store; both are dropped at the end.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const POSTGRES_CONNECTOR = join(REPO, 'connectors', 'postgres');
const DATABASE = 'postgres://postgres@127.0.0.1:5432/test';
const SUFFIX = `${process.pid}_${Date.now().toString(36)}`;
const DATA_SCHEMA = `mova_cli_run_${SUFFIX}`;
const STORE_SCHEMA = `mova_cli_runs_${SUFFIX}`;
const STORE_URL = `${DATABASE}?schema=${STORE_SCHEMA}`;

const connection = (name: string) => ({
  [`MOVA_CONNECTION_${name}`]: JSON.stringify({ connector: 'postgres', auth: { connectionString: DATABASE } }),
});

const query = (id: string, sql: string, values?: unknown[]) => ({
  id,
  uses: 'postgres/query@^1',
  connection: 'db',
  with: values ? { sql, values } : { sql },
});

const NOTES = {
  mova: '1.0',
  name: 'pg-notes',
  inputs: {
    type: 'object',
    properties: { texts: { type: 'array', items: { type: 'string' } } },
    required: ['texts'],
  },
  connections: { db: { connector: 'postgres' } },
  steps: [
    query('schema', `CREATE SCHEMA IF NOT EXISTS ${DATA_SCHEMA}`),
    query('table', `CREATE TABLE IF NOT EXISTS ${DATA_SCHEMA}.notes (id serial PRIMARY KEY, body text NOT NULL)`),
    {
      id: 'each',
      repeat: { for_each: '{{ inputs.texts }}', as: 'text' },
      do: [query('insert', `INSERT INTO ${DATA_SCHEMA}.notes (body) VALUES ($1) RETURNING id`, ['{{ text }}'])],
    },
    query('count', `SELECT count(*)::int AS n, string_agg(body, ',' ORDER BY id) AS bodies FROM ${DATA_SCHEMA}.notes`),
  ],
  output: { inserted: '{{ $count(steps.each.output) }}', total: '{{ steps.count.output.rows[0] }}' },
};

const CLEANUP = {
  mova: '1.0',
  name: 'pg-cleanup',
  inputs: { type: 'object' },
  connections: { db: { connector: 'postgres' } },
  steps: [
    query('data', `DROP SCHEMA IF EXISTS ${DATA_SCHEMA} CASCADE`),
    query('store', `DROP SCHEMA IF EXISTS ${STORE_SCHEMA} CASCADE`),
  ],
};

describe('mova-connector run with the PostgreSQL connector', () => {
  let root: string;
  const env = (dataDir: string) => ({
    MOVA_DATA_DIR: join(root, dataDir),
    MOVA_RUN_STORE: undefined,
    ...connection('DB'),
  });

  beforeAll(async () => {
    await ensureService(localServices.postgres);
    if (!existsSync(join(POSTGRES_CONNECTOR, 'dist', 'connector.mjs'))) {
      const built = await cli(['build', '--dir', POSTGRES_CONNECTOR], REPO);
      expect(built.code, built.stderr).toBe(0);
    }
    root = await mkdtemp(join(tmpdir(), 'mova-e2e-run-pg-'));
    await writeFile(join(root, 'notes.json'), JSON.stringify(NOTES, null, 2));
    await writeFile(join(root, 'cleanup.json'), JSON.stringify(CLEANUP, null, 2));
  });

  afterAll(async () => {
    // The connector under test drops what it created; a failure here is worth seeing.
    const cleanup = await cli(['run', join(root, 'cleanup.json'), '--json'], REPO, env('data-cleanup'));
    await rm(root, { recursive: true, force: true });
    expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0);
  });

  it('resolves postgres/query@^1 from the checkout, takes the connection from MOVA_CONNECTION_DB and records the run in PostgreSQL', async () => {
    const flow = join(root, 'notes.json');
    const result = await cli(
      ['run', flow, '--input', 'texts=["one","two"]', '--store', STORE_URL],
      REPO,
      env('data-a'),
    );
    expect(result.code, result.stderr).toBe(0);
    const progress = result.stderr.replace(/ +/g, ' ');
    expect(progress).toMatch(/^✓ schema postgres\/query@1\.\d+\.\d+ completed \d+/m);
    expect(progress).toMatch(/^ ✓ insert\[1\] postgres\/query@1\.\d+\.\d+ completed \d+/m);
    const output = JSON.parse(result.stdout.slice(result.stdout.indexOf('Output: ') + 'Output: '.length));
    expect(output).toEqual({ inserted: 2, total: { n: 2, bodies: 'one,two' } });

    // MOVA_RUN_STORE picks the same store as --store did.
    const id = /^Run ([0-9a-f-]{36}) /m.exec(result.stdout)?.[1] ?? '';
    const storeEnv = { ...env('data-a'), MOVA_RUN_STORE: STORE_URL };
    const list = await cli(['runs', '--json'], REPO, storeEnv);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ id, workflow: 'pg-notes', status: 'completed' }),
    ]);
    const shown = await cli(['runs', 'show', id, '--json'], REPO, storeEnv);
    const record = JSON.parse(shown.stdout);
    const count = record.steps.find((step: { key: string }) => step.key === 'count');
    expect(count).toMatchObject({
      kind: 'uses',
      status: 'completed',
      connector: expect.stringMatching(/^@mova\/connector-postgres@1\./),
      input: { sql: expect.stringContaining('SELECT count(*)'), values: [] },
      output: { command: 'SELECT', rowCount: 1, rows: [{ n: 2, bodies: 'one,two' }] },
    });
    // The connection string is a secret: it reaches the connector, never the store.
    expect(shown.stdout).not.toContain(DATABASE);
    // The file store in the data dir saw nothing of it.
    expect(JSON.parse((await cli(['runs', '--json'], REPO, env('data-a'))).stdout)).toEqual([]);
  });

  it('--json carries the failed step and its error; exit 1', async () => {
    const failing = {
      ...NOTES,
      name: 'pg-missing-table',
      steps: [query('missing', `SELECT * FROM ${DATA_SCHEMA}.no_such_table`)],
      output: undefined,
    };
    await writeFile(join(root, 'missing.json'), JSON.stringify(failing));
    const result = await cli(['run', join(root, 'missing.json'), '-i', 'texts=[]', '--json'], REPO, env('data-b'));
    expect(result.code, result.stderr).toBe(1);
    const record = JSON.parse(result.stdout);
    expect(record).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', step: 'missing', pointer: '/steps/0', actionKey: 'query' },
      steps: [
        {
          key: 'missing',
          status: 'failed',
          error: { kind: 'not_found', message: expect.stringContaining('no_such_table') },
        },
      ],
    });
  });

  it('outside a checkout the connector comes from the content-addressed store in the data dir, and only from there', async () => {
    const flow = join(root, 'notes.json');
    const before = await cli(['run', flow, '-i', 'texts=["three"]'], root, env('data-c'));
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/^notes\.json#\/steps\/0\/uses: @mova\/connector-postgres is not in store .*data-c/m);

    await new ConnectorStore(join(root, 'data-c', 'connectors')).add(POSTGRES_CONNECTOR);
    const after = await cli(['run', flow, '-i', 'texts=["three"]'], root, env('data-c'));
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/"inserted": 1/);
  });

  it('with a mova.lock.json by the workflow, exactly what it locks runs, from the connector store', async () => {
    const project = join(root, 'locked');
    await mkdir(join(project, 'flows'), { recursive: true });
    const flow = join(project, 'flows', 'notes.json');
    await writeFile(flow, JSON.stringify(NOTES));
    const lockPath = join(project, 'mova.lock.json');
    await writeLockfile(lockPath, emptyLockfile());
    // Run inside the checkout: the lockfile wins over the workspace connectors.
    const unlocked = await cli(['run', flow, '-i', 'texts=[]'], REPO, env('data-f'));
    expect(unlocked.code).toBe(1);
    expect(unlocked.stderr).toContain(
      // One issue for the mistake, naming every step that repeats it.
      `${flow}#/steps/0/uses: mova.lock.json does not lock @mova/connector-postgres@^1 (4 steps: schema, table, insert, count) (Run \`mova-connector install postgres@^1\``,
    );

    // What install leaves behind: the version in the store, pinned by the lockfile. The store
    // holds it, so the tarball URL is never fetched.
    const stored = await new ConnectorStore(join(root, 'data-f', 'connectors')).add(POSTGRES_CONNECTOR);
    const lock = emptyLockfile();
    lock.connectors[stored.package] = {
      [stored.version]: {
        ranges: ['^1'],
        resolved: 'http://127.0.0.1:9/connector-postgres.tgz',
        integrity: stored.integrity,
        contentIntegrity: stored.integrity,
        registry: 'http://127.0.0.1:9/',
      },
    };
    await writeLockfile(lockPath, lock);
    const locked = await cli(['run', flow, '-i', 'texts=[]', '--json'], REPO, env('data-f'));
    expect(locked.code, `${locked.stderr}${locked.stdout}`).toBe(0);
    expect(JSON.parse(locked.stdout).steps[0]).toMatchObject({ connector: `${stored.package}@${stored.version}` });
  });

  it('a connection that is not configured stops the run before it starts, at the declaration', async () => {
    const result = await cli(['run', join(root, 'notes.json'), '-i', 'texts=[]'], REPO, {
      ...env('data-d'),
      MOVA_CONNECTION_DB: undefined,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `${join(root, 'notes.json')}#/connections/db: the connection "db" is not configured (Add "db" to the connections file, or set MOVA_CONNECTION_DB to {"connector":"postgres","auth":{...}} (\`mova-connector info postgres\` shows the fields).)`,
    );
  });

  it('takes connections from a --connections file', async () => {
    const file = join(root, 'connections.json');
    await writeFile(file, JSON.stringify({ db: { connector: 'postgres', auth: { connectionString: DATABASE } } }));
    const result = await cli(['run', join(root, 'notes.json'), '-i', 'texts=[]', '--connections', file], REPO, {
      ...env('data-e'),
      MOVA_CONNECTION_DB: undefined,
    });
    expect(result.code, result.stderr).toBe(0);
  });
});
