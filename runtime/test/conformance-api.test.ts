import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_LOG_ENV, type ConnectorUnderTest, loadConnector } from '../src/testing.js';
import { buildFixtureManifests, FIXTURES, tempDir } from './helpers.js';

let widgets: ConnectorUnderTest;
let echo: ConnectorUnderTest;
let log: Awaited<ReturnType<typeof tempDir>>;
const previousLog = process.env[CONFORMANCE_LOG_ENV];

beforeAll(async () => {
  await buildFixtureManifests();
  log = await tempDir('mova-conformance-log-');
  process.env[CONFORMANCE_LOG_ENV] = log.path;
  widgets = await loadConnector({ dir: join(FIXTURES, 'widgets-0.3.1') });
  echo = await loadConnector({ dir: join(FIXTURES, 'echo-1.2.0') });
});
afterAll(async () => {
  if (previousLog === undefined) delete process.env[CONFORMANCE_LOG_ENV];
  else process.env[CONFORMANCE_LOG_ENV] = previousLog;
  await Promise.all([widgets?.close(), echo?.close()]);
  await log.remove();
});

describe('loadConnector', () => {
  it('runs a third-party connector in the process sandbox and a @mova one in a worker, as users get them', async () => {
    await expect(widgets.run('widgets.count', { items: ['a', 'b', '{{ not a template }}'] })).resolves.toEqual({
      status: 'completed',
      output: { count: 3 },
      connector: '@acme/connector-widgets@0.3.1',
      isolation: 'process',
    });
    await expect(echo.run('echo.say', { text: 'hi' })).resolves.toMatchObject({
      status: 'completed',
      output: { text: 'hi', version: '1.2.0' },
      isolation: 'worker',
    });
  });

  it('applies the manifest contract: a bad input fails the call with its pointer instead of reaching the action', async () => {
    const result = await widgets.run('widgets.count', { items: 'not a list' });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ kind: 'invalid_input', connector: '@acme/connector-widgets@0.3.1' });
    expect(result.error?.message).toContain('/input/items');
  });

  it('polls a trigger through the sandbox and dedupes across polls with the state it returns', async () => {
    const first = await widgets.poll('widgets.new', { widgets: [{ id: 'w1' }] });
    expect(first).toMatchObject({ status: 'completed', items: [], state: { seen: ['w1'] }, isolation: 'process' });
    const second = await widgets.poll('widgets.new', { widgets: [{ id: 'w1' }, { id: 'w2' }] }, { state: first.state });
    expect(second).toMatchObject({ status: 'completed', items: [{ id: 'w2' }], state: { seen: ['w1', 'w2'] } });
    const missing = await widgets.poll('widgets.gone', {});
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(missing.error?.hint).toContain('widgets.new');
  });

  it('records every call for the coverage check, with its outcome and isolation', async () => {
    const lines = (
      await Promise.all(
        (
          await readdir(log.path)
        ).map(async (file) => (await readFile(join(log.path, file), 'utf8')).trim().split('\n')),
      )
    )
      .flat()
      .map((line) => JSON.parse(line));
    expect(lines).toContainEqual({
      package: '@acme/connector-widgets',
      version: '0.3.1',
      key: 'widgets.new',
      kind: 'trigger',
      status: 'completed',
      isolation: 'process',
    });
    expect(lines).toContainEqual(expect.objectContaining({ key: 'widgets.count', status: 'failed' }));
  });

  it("tests an unscoped package (init's default) under a local alias, since workflows name scoped ones", async () => {
    const copy = await tempDir();
    await cp(join(FIXTURES, 'widgets-0.3.1'), copy.path, { recursive: true });
    for (const file of ['package.json', 'mova.manifest.json']) {
      const path = join(copy.path, file);
      await writeFile(path, (await readFile(path, 'utf8')).replace('"@acme/connector-widgets"', '"connector-widgets"'));
    }
    const unscoped = await loadConnector({ dir: copy.path });
    try {
      await expect(unscoped.run('widgets.count', { items: ['a'] })).resolves.toMatchObject({
        status: 'completed',
        output: { count: 1 },
      });
    } finally {
      await unscoped.close();
      await copy.remove();
    }
  });

  it('says what to do when the folder holds no built connector', async () => {
    const empty = await tempDir();
    await expect(loadConnector({ dir: empty.path })).rejects.toThrow(/no built connector: run mova-connector build/);
    await rm(empty.path, { recursive: true, force: true });
  });
});
