import { type ActionContext, relativeLookBack, Type } from '@mova/sdk';
import { withJira } from '../client.js';
import type { JiraConnection } from '../connection.js';
import { type Issue, toIssue } from '../issue.js';
import { searchIssues } from '../search.js';

export const watchInput = Type.Object({
  jql: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'JQL filter the issues must match, e.g. project = PROJ AND issuetype = Bug (no ORDER BY)',
    }),
  ),
  limit: Type.Integer({
    minimum: 1,
    maximum: 500,
    default: 100,
    description: 'Most issues read per poll (default 100); the rest follow on the next polls, oldest first',
  }),
});

/**
 * The JQL for one poll: issues whose `field` (created or updated) moved since the newest one seen,
 * oldest first. Jira reads absolute JQL dates in the account's time zone, so the window is relative
 * (`-Nm`, minutes before the server's now); the first poll, with nothing seen, looks at the last 30 days.
 * @example watchJql('updated', 'project = PROJ', '2026-01-01T10:00:00.000+0000', Date.parse('2026-01-01T10:30:00Z'))
 * // '(project = PROJ) AND updated >= -35m ORDER BY updated ASC'
 */
export function watchJql(
  field: 'created' | 'updated',
  filter: string | undefined,
  since: string | undefined,
  now: number,
) {
  const window = relativeLookBack(since, now);
  const scope = filter ? `(${filter}) AND ` : '';
  return `${scope}${field} >= ${window} ORDER BY ${field} ASC`;
}

export async function pollIssues(
  field: 'created' | 'updated',
  args: { input: { jql?: string; limit: number }; auth: JiraConnection; ctx: ActionContext; since?: string },
): Promise<Issue[]> {
  return withJira(args.auth, args.ctx, async (jira) => {
    const jql = watchJql(field, args.input.jql, args.since, Date.now());
    const found = await searchIssues(jira, { jql, limit: args.input.limit });
    return found.issues.map((raw) => toIssue(jira, raw));
  });
}
