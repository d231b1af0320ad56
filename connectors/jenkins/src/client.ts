import {
  type ActionContext,
  Auth,
  ConnectorError,
  cookiePairs,
  createHttpClient,
  type HttpClient,
  serviceUrlOf,
} from '@mova/sdk';
import type { JenkinsConnection } from './connection.js';
import { jenkinsErrors } from './errors.js';

export interface Jenkins {
  http: HttpClient;
  serverUrl: string;
  actionKey?: string;
  /** Headers a POST needs: the CSRF crumb and the session it was issued for. */
  crumbHeaders(): Promise<Record<string, string>>;
}

/**
 * The path of a job from its full name, folders included.
 * @example jobPath('team/api/deploy') // '/job/team/job/api/job/deploy'
 */
export function jobPath(fullName: string): string {
  return fullName
    .split('/')
    .filter((part) => part !== '')
    .map((part) => `/job/${encodeURIComponent(part)}`)
    .join('');
}

export function jenkins(connection: JenkinsConnection, ctx?: Pick<ActionContext, 'signal' | 'actionKey'>): Jenkins {
  let serverUrl: string;
  try {
    serverUrl = serviceUrlOf(connection.serverUrl, '');
  } catch (cause) {
    throw new ConnectorError(
      `the Jenkins URL is not usable: ${(cause as Error).message}`,
      { kind: 'invalid_input', actionKey: ctx?.actionKey },
      'Give the root URL of Jenkins, e.g. https://jenkins.example.com.',
    );
  }
  const http = createHttpClient({
    baseUrl: serverUrl,
    auth: { definition: Auth.basic(), value: { username: connection.username, password: connection.apiToken } },
    signal: ctx?.signal,
    actionKey: ctx?.actionKey,
    userAgent: 'mova-connector-jenkins',
  });
  let crumb: Promise<Record<string, string>> | undefined;
  return {
    http,
    serverUrl,
    actionKey: ctx?.actionKey,
    crumbHeaders() {
      // One crumb per step: Jenkins ties it to the session the crumb issuer opened, whose cookie goes with it.
      crumb ??= (async () => {
        try {
          const response = await http.get<{ crumb?: string; crumbRequestField?: string }>('/crumbIssuer/api/json');
          const cookie = cookiePairs(response.headers['set-cookie']);
          const { crumb: value, crumbRequestField: field } = response.data;
          return {
            ...(value && field ? { [field]: value } : {}),
            ...(cookie ? { cookie } : {}),
          };
        } catch (error) {
          // A controller with CSRF protection off has no crumb issuer: post without one.
          if (error instanceof ConnectorError && error.status === 404) return {};
          throw error;
        }
      })();
      return crumb;
    },
  };
}

/** Runs Jenkins calls; failures leave as ConnectorErrors with Jenkins's own reason. */
export function withJenkins<T>(
  connection: JenkinsConnection,
  ctx: Pick<ActionContext, 'signal' | 'actionKey'> | undefined,
  use: (api: Jenkins) => Promise<T>,
): Promise<T> {
  return jenkinsErrors.call(ctx?.actionKey, () => use(jenkins(connection, ctx)));
}

/** The queue item id in a Location header such as https://jenkins/queue/item/42/. */
export function queueIdOf(location: string | undefined): number | null {
  const id = location ? /\/queue\/item\/(\d+)\/?$/.exec(location)?.[1] : undefined;
  return id === undefined ? null : Number(id);
}
