import { type ActionContext, ConnectorError, serviceUrlOf } from '@mova/sdk';
import { Version2Client, Version3Client } from 'jira.js';
import type { JiraConnection } from './connection.js';
import { jiraErrors } from './errors.js';

/**
 * A jira.js client for the connection's deployment: Cloud speaks REST API v3 (rich text as Atlassian
 * Document Format), Data Center speaks v2 (rich text as wiki markup), which is the newest it has.
 */
export type Jira =
  | { deployment: 'cloud'; v3: Version3Client; siteUrl: string }
  | { deployment: 'dataCenter'; v2: Version2Client; siteUrl: string };

/**
 * Runs `use` with a client for this connection; every failure leaves as a ConnectorError.
 * @example
 * const issue = await withJira(auth, ctx, (jira) => jira.deployment === 'cloud'
 *   ? jira.v3.issues.getIssue({ issueIdOrKey: 'PROJ-1' })
 *   : jira.v2.issues.getIssue({ issueIdOrKey: 'PROJ-1' }));
 */
export async function withJira<T>(
  connection: JiraConnection,
  ctx: Pick<ActionContext, 'signal' | 'actionKey'> | undefined,
  use: (jira: Jira) => Promise<T>,
): Promise<T> {
  const jira = jiraClient(connection, ctx);
  return jiraErrors.call(ctx?.actionKey, () => use(jira));
}

export function jiraClient(connection: JiraConnection, ctx?: Pick<ActionContext, 'signal' | 'actionKey'>): Jira {
  let siteUrl: string;
  try {
    siteUrl = serviceUrlOf(connection.siteUrl, '');
  } catch (cause) {
    throw invalid(`the Jira site URL is not usable: ${(cause as Error).message}`, ctx?.actionKey);
  }
  // The step's abort signal reaches every request; axios would otherwise wait out its own timeout.
  const baseRequestConfig = { signal: ctx?.signal, timeout: 60_000 };
  if ((connection.deployment ?? 'cloud') === 'cloud') {
    if (!connection.email) {
      throw invalid(
        'a Jira Cloud connection needs the email of the account the API token belongs to',
        ctx?.actionKey,
        'Add email to the connection, or set deployment to "dataCenter" for a personal access token.',
      );
    }
    return {
      deployment: 'cloud',
      siteUrl,
      v3: new Version3Client({
        host: siteUrl,
        authentication: { basic: { email: connection.email, apiToken: connection.apiToken } },
        baseRequestConfig,
      }),
    };
  }
  return {
    deployment: 'dataCenter',
    siteUrl,
    v2: new Version2Client({
      host: siteUrl,
      // Data Center's personal access tokens are bearer tokens (Jira 8.14 and later).
      baseRequestConfig: { ...baseRequestConfig, headers: { Authorization: `Bearer ${connection.apiToken}` } },
    }),
  };
}

/** The page in the Jira web UI. */
export function browseUrl(jira: Pick<Jira, 'siteUrl'>, key: string): string {
  return `${jira.siteUrl}/browse/${encodeURIComponent(key)}`;
}

export function invalid(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint ?? 'Fix the Jira connection.');
}
