import type { ActionContext } from '@mova/sdk';
import { Octokit } from '@octokit/rest';
import type { Connection } from './connection.js';
import { toConnectorError } from './errors.js';

/** The REST API version the output schemas were written against. */
export const API_VERSION = '2022-11-28';

/**
 * An Octokit client for one connection, on api.github.com or on the Enterprise Server API root in
 * `baseUrl`. Every request carries the step's abort signal, logs into the step's log, and fails with a
 * ConnectorError (the error hook covers pagination too).
 */
export function github(connection: Connection, ctx?: ActionContext): Octokit {
  const octokit = new Octokit({
    auth: connection.token,
    // Octokit joins paths onto baseUrl as they are, so a trailing slash would double up.
    baseUrl: connection.baseUrl?.replace(/\/+$/, ''),
    userAgent: `mova-connector-github/${ctx?.connector.version ?? '0.0.0'}`,
    request: { signal: ctx?.signal },
    log: {
      debug: (message: string) => ctx?.log('debug', message),
      info: (message: string) => ctx?.log('debug', message),
      warn: (message: string) => ctx?.log('warn', message),
      error: (message: string) => ctx?.log('error', message),
    },
  });
  // Pinning the version keeps GitHub's response shapes the ones the output schemas were written for.
  octokit.hook.before('request', (options) => {
    options.headers['x-github-api-version'] = API_VERSION;
  });
  octokit.hook.error('request', (error) => {
    throw toConnectorError(error, ctx?.actionKey);
  });
  return octokit;
}
