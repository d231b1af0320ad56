import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRunStore } from '@mova/runtime';
import { SqliteRunStore } from '@mova/runtime/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../user-error.js';
import { openRunStore } from './run-store.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mova-run-store-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('openRunStore', () => {
  it('opens the file store by default', async () => {
    expect((await openRunStore(undefined, dir)).store).toBeInstanceOf(FileRunStore);
  });

  it('opens runs.sqlite in the data dir for sqlite, with the file store runs copied in', async () => {
    const files = new FileRunStore(dir);
    await files.createRun({
      id: 'from-files',
      workflow: 'w',
      status: 'completed',
      inputs: {},
      startedAt: '2026-01-01T00:00:00.000Z',
      owner: { host: 'elsewhere', pid: 1, instance: 'finished' },
      steps: [],
    });
    await files.close();
    const opened = await openRunStore('sqlite', dir);
    expect(opened.store).toBeInstanceOf(SqliteRunStore);
    expect((opened.store as SqliteRunStore).file).toBe(join(dir, 'runs.sqlite'));
    expect(opened.label).toMatch(/runs\.sqlite \(SQLite store\)$/);
    expect((await opened.store.listRuns()).map((r) => r.id)).toEqual(['from-files']);
    await opened.store.close();
  });

  it('opens a SQLite file named after sqlite:', async () => {
    const file = join(dir, 'elsewhere', 'mine.sqlite');
    const opened = await openRunStore(`sqlite:${file}`, dir);
    expect((opened.store as SqliteRunStore).file).toBe(file);
    await opened.store.close();
    await expect(openRunStore('sqlite:', dir)).rejects.toThrow(UserError);
  });
});
