import { type ActionCalls, actionCalls, type CallableConnector } from './calls.js';
import { assertJsonEqual } from './expect-fields.js';
import type { ReferenceRequest, ReferenceServer } from './reference-server.js';

/** The test runner's hooks the set-up registers with (vitest's, passed in so the SDK does not import a runner). */
export interface ConformanceHooks {
  beforeAll(body: () => Promise<void>): void;
  afterAll(body: () => Promise<void>): void;
  beforeEach(body: () => Promise<void>): void;
  afterEach(body: () => Promise<void>): void;
}

/** A reference API a conformance test starts once per file; `reset` (if any) empties its state before each test. */
export type ConformanceApi = ReferenceServer & { reset?(): void };

export interface ConformanceSetupOptions<Api extends ConformanceApi, Connector extends CallableConnector> {
  hooks: ConformanceHooks;
  /** Starts the connector's reference API, e.g. `startJira`. */
  start(): Promise<Api>;
  /** Loads the connector under test, e.g. `() => loadConnector({ dir: new URL('..', import.meta.url) })`. */
  load(): Promise<Connector & { close(): Promise<void> }>;
  /** The connection every call uses unless it names its own, made once the API is up. */
  auth(api: Api): Record<string, unknown>;
  /** Which requests {@link ConformanceSetup.requests} and `last` list (default all), e.g. not a token endpoint's. */
  counts?(request: ReferenceRequest): boolean;
  /** The sandbox every completed call must have run in (default `worker`). */
  isolation?: string;
}

/** The API, connector and connection of a conformance test file, with its bound calls. */
export interface ConformanceSetup<Api extends ConformanceApi, Connector extends CallableConnector> extends ActionCalls {
  /** The running reference API (read it in tests and hooks, not when the file is loaded). */
  readonly api: Api;
  readonly connector: Connector;
  readonly auth: Record<string, unknown>;
  /** The requests the API received in this test, oldest first, as `counts` selects them. */
  requests(): ReferenceRequest[];
  /** The latest of {@link ConformanceSetup.requests}. */
  last(): ReferenceRequest | undefined;
}

/**
 * The set-up every conformance test against a reference API repeats: start the API and load the
 * connector once per file, close both after it, reset the API and forget its requests before each
 * test, and expect that no request went unmatched, after every completed `run` and after every test.
 *
 * @example
 * import { loadConnector } from '@mova/runtime/testing';
 * import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
 * const suite = conformanceSetup({
 *   hooks: { beforeAll, afterAll, beforeEach, afterEach },
 *   start: startJira,
 *   load: () => loadConnector({ dir: new URL('..', import.meta.url) }),
 *   auth: (api) => ({ siteUrl: api.url, email: EMAIL, apiToken: API_TOKEN }),
 * });
 * it('gets an issue', async () => {
 *   expect(await suite.run('issues.get', { key: 'PROJ-1' })).toMatchObject({ key: 'PROJ-1' });
 *   expect(suite.last()?.path).toBe('/rest/api/3/issue/PROJ-1');
 * });
 */
export function conformanceSetup<Api extends ConformanceApi, Connector extends CallableConnector>(
  options: ConformanceSetupOptions<Api, Connector>,
): ConformanceSetup<Api, Connector> {
  let api: Api | undefined;
  let connector: (Connector & { close(): Promise<void> }) | undefined;
  let auth: Record<string, unknown> | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new TypeError(`conformanceSetup: the ${what} is read before beforeAll ran`);
    return value;
  };
  const allMatched = () =>
    assertJsonEqual(
      started(api, 'API').unmatched.map((request) => `${request.method} ${request.path}`),
      [],
      'requests no route of the reference API matched',
    );

  const { hooks } = options;
  hooks.beforeAll(async () => {
    api = await options.start();
    connector = await options.load();
    auth = options.auth(api);
  });
  hooks.afterAll(async () => {
    await connector?.close();
    await api?.close();
  });
  hooks.beforeEach(async () => {
    const running = started(api, 'API');
    running.reset?.();
    running.requests.length = 0;
    running.unmatched.length = 0;
  });
  hooks.afterEach(async () => allMatched());

  const requests = () => {
    const all = started(api, 'API').requests;
    return options.counts ? all.filter((request) => options.counts?.(request)) : [...all];
  };
  const calls = actionCalls({
    connector: () => started(connector, 'connector'),
    auth: () => auth,
    check: allMatched,
    ...(options.isolation ? { isolation: options.isolation } : {}),
  });
  return {
    ...calls,
    get api() {
      return started(api, 'API');
    },
    get connector() {
      return started(connector, 'connector');
    },
    get auth() {
      return started(auth, 'connection');
    },
    requests,
    last: () => requests().at(-1),
  };
}
