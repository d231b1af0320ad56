import { describe, expect, it } from 'vitest';
import { AnsiError, ansi } from '../../../test/ansi-dialect.js';
import { type SqlDriver, sqlSessions } from './session.js';

function fakeDriver(openDelayMs = 0) {
  const log: string[] = [];
  const driver: SqlDriver<string, { id: string }, { id(): Promise<string> }> = {
    dialect: ansi,
    open: async (connection) => {
      log.push(`open ${connection}`);
      await new Promise((resolve) => setTimeout(resolve, openDelayMs));
      return { id: connection };
    },
    cancel: async (connection) => void log.push(`cancel ${connection}`),
    close: async (_open, aborted) => void log.push(aborted ? 'close aborted' : 'close'),
    session: (connection) => ({ id: async () => (await connection()).id }),
  };
  return { withSession: sqlSessions(driver), log };
}

describe('sqlSessions', () => {
  it('opens only when used and always closes', async () => {
    const unused = fakeDriver();
    await expect(unused.withSession('db', undefined, async () => 'no sql')).resolves.toBe('no sql');
    expect(unused.log).toEqual([]);
    const used = fakeDriver();
    await expect(used.withSession('db', undefined, (session) => session.id())).resolves.toBe('db');
    expect(used.log).toEqual(['open db', 'close']);
  });

  it("maps failures to the dialect's error with the action key", async () => {
    const { withSession, log } = fakeDriver();
    const failing = withSession('db', { actionKey: 'query' }, async (session) => {
      await session.id();
      throw new Error('boom');
    });
    await expect(failing).rejects.toBeInstanceOf(AnsiError);
    await expect(failing).rejects.toMatchObject({ message: 'query failed: boom', actionKey: 'query' });
    expect(log).toEqual(['open db', 'close']);
  });

  it('rejects with the abort reason at once, cancels the running statement and closes without waiting', async () => {
    const { withSession, log } = fakeDriver();
    const controller = new AbortController();
    const reason = new Error('step timed out');
    const call = withSession('db', { signal: controller.signal }, async (session) => {
      await session.id();
      setTimeout(() => controller.abort(reason), 5);
      return new Promise(() => {});
    });
    await expect(call).rejects.toBe(reason);
    expect(log).toEqual(['open db', 'cancel db', 'close aborted']);
  });

  it('closes a connection that opens after the call was aborted', async () => {
    const { withSession, log } = fakeDriver(20);
    const controller = new AbortController();
    const call = withSession('db', { signal: controller.signal }, (session) => session.id());
    controller.abort(new Error('cancelled'));
    await expect(call).rejects.toThrow('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(log).toEqual(['open db', 'close aborted']);
  });
});
