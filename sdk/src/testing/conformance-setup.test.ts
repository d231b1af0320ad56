import { describe, expect, it } from 'vitest';
import type { CallOutcome } from './calls.js';
import { type ConformanceHooks, conformanceSetup } from './conformance-setup.js';
import { startReferenceServer } from './reference-server.js';

/** Hooks the test runs by hand, so it can see what each one does. */
function manualHooks() {
  const hooks = { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] } as Record<
    keyof ConformanceHooks,
    (() => Promise<void>)[]
  >;
  const register = (name: keyof ConformanceHooks) => (body: () => Promise<void>) => void hooks[name].push(body);
  const runAll = async (name: keyof ConformanceHooks) => {
    for (const body of hooks[name]) await body();
  };
  return {
    hooks: {
      beforeAll: register('beforeAll'),
      afterAll: register('afterAll'),
      beforeEach: register('beforeEach'),
      afterEach: register('afterEach'),
    },
    runAll,
  };
}

/** A connector whose every action GETs `/<action>` from the connection's `url`. */
function fetchingConnector() {
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    async run(action: string, _input: unknown, options: { auth?: Record<string, unknown> } = {}): Promise<CallOutcome> {
      const response = await fetch(`${String(options.auth?.url)}/${action}`);
      return { status: 'completed', output: await response.json(), connector: 'fake', isolation: 'worker' };
    },
    async close() {
      closed = true;
    },
  };
}

async function startApi() {
  const api = await startReferenceServer();
  let resets = 0;
  api.route('GET', '/token', () => ({ body: { token: 't' } }));
  api.route('GET', '/known', () => ({ body: { resets } }));
  return Object.assign(api, {
    reset() {
      resets++;
    },
  });
}

describe('conformanceSetup', () => {
  it('starts, resets and closes the API and connector, and binds calls to the connection', async () => {
    const { hooks, runAll } = manualHooks();
    const connector = fetchingConnector();
    const suite = conformanceSetup({
      hooks,
      start: startApi,
      load: async () => connector,
      auth: (api) => ({ url: api.url }),
      counts: (request) => request.path !== '/token',
    });
    expect(() => suite.api).toThrow(/before beforeAll ran/);
    await runAll('beforeAll');
    try {
      await runAll('beforeEach');
      expect(suite.auth).toEqual({ url: suite.api.url });
      expect(await suite.run('known', {})).toEqual({ resets: 1 });
      await suite.run('token', {});
      expect(suite.api.requests.map((request) => request.path)).toEqual(['/known', '/token']);
      expect(suite.requests().map((request) => request.path)).toEqual(['/known']);
      expect(suite.last()?.path).toBe('/known');
      await runAll('afterEach');
      await runAll('beforeEach');
      expect(suite.api.requests).toEqual([]);
      expect(await suite.run('known', {})).toEqual({ resets: 2 });
    } finally {
      await runAll('afterAll');
    }
    expect(connector.closed).toBe(true);
  });

  it('fails a run, and the test, that sent a request no route matched', async () => {
    const { hooks, runAll } = manualHooks();
    const suite = conformanceSetup({
      hooks,
      start: startApi,
      load: async () => fetchingConnector(),
      auth: (api) => ({ url: api.url }),
    });
    await runAll('beforeAll');
    try {
      await runAll('beforeEach');
      await expect(suite.run('unknown', {})).rejects.toThrow(/no route of the reference API matched/);
      await expect(runAll('afterEach')).rejects.toThrow(/GET \/unknown/);
      await runAll('beforeEach');
      expect(await suite.call('unknown', {})).toMatchObject({ status: 'completed' });
      await expect(runAll('afterEach')).rejects.toThrow(/GET \/unknown/);
    } finally {
      await runAll('afterAll');
    }
  });
});
