import type { CallableConnector } from './calls.js';
import {
  type ConformanceApi,
  type ConformanceHooks,
  type ConformanceSetup,
  conformanceSetup,
} from './conformance-setup.js';
import type { GoogleReferenceApi } from './google-reference-api.js';
import { type TestServiceAccount, testServiceAccount } from './google-token.js';

/** A reference Google API ({@link startGoogleReferenceApi}), with the `reset` a conformance set-up calls. */
export type GoogleConformanceApi = GoogleReferenceApi & Pick<ConformanceApi, 'reset'>;

export interface GoogleConformanceSetupOptions<Api extends GoogleConformanceApi, Connector extends CallableConnector> {
  hooks: ConformanceHooks;
  /** Starts the reference API, issuing tokens for `account`, e.g. `startDriveApi`. */
  start(account: TestServiceAccount): Promise<Api>;
  load(): Promise<Connector & { close(): Promise<void> }>;
  /** The service account the connection signs in as (default a new {@link testServiceAccount}). */
  account?: TestServiceAccount;
}

/**
 * {@link conformanceSetup} for a connector on the Google kit (`@mova/sdk/google`): the connection
 * holds the service account's key file and names the API and token endpoint by `apiUrl` and
 * `tokenUrl`, as a Private Service Connect endpoint is named; `requests` and `last` leave out the
 * requests to the token endpoint at `/token`.
 *
 * @example
 * const suite = googleConformanceSetup({
 *   hooks: { beforeAll, afterAll, beforeEach, afterEach },
 *   start: startDriveApi,
 *   load: () => loadConnector({ dir: new URL('..', import.meta.url) }),
 * });
 */
export function googleConformanceSetup<Api extends GoogleConformanceApi, Connector extends CallableConnector>(
  options: GoogleConformanceSetupOptions<Api, Connector>,
): ConformanceSetup<Api, Connector> & { account: TestServiceAccount } {
  const account = options.account ?? testServiceAccount();
  const suite = conformanceSetup({
    hooks: options.hooks,
    start: () => options.start(account),
    load: options.load,
    auth: (api) => ({ serviceAccountKey: account.keyFile(), apiUrl: api.url, tokenUrl: api.tokenUrl }),
    counts: (request) => request.path !== '/token',
  });
  return Object.assign(suite, { account });
}
