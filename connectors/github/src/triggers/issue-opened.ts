import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConnectorError, defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { owner, repo } from '../shapes/common.js';
import { exampleIssue } from '../shapes/examples.js';
import { Issue, type IssueData, issueFrom } from '../shapes/issue.js';

/**
 * Fires for each issue opened in a repository, through a repository webhook: subscribing creates the
 * hook (POST /repos/{owner}/{repo}/hooks) with a secret made for it, deliveries are checked against
 * that secret (X-Hub-Signature-256) and unsubscribing deletes the hook.
 */
export const issueOpened = defineTrigger({
  auth,
  kind: 'webhook',
  key: 'issues.opened',
  title: 'Issue opened',
  description:
    'Fires once for each issue opened in a repository, as GitHub delivers it to a repository webhook that the trigger creates and removes. The token needs admin rights on the repository (repository hooks: write).',
  input: Type.Object({ owner, repo }),
  output: Issue,
  examples: [{ input: { owner: 'octocat', repo: 'Hello-World' }, output: exampleIssue }],
  async subscribe({ input, auth, url, ctx }) {
    // A secret per hook: a leaked one only lets someone forge deliveries to this workflow.
    const secret = randomBytes(32).toString('hex');
    const { data } = await github(auth, ctx).rest.repos.createWebhook({
      owner: input.owner,
      repo: input.repo,
      name: 'web',
      active: true,
      events: ['issues'],
      config: { url, content_type: 'json', secret, insecure_ssl: '0' },
    });
    return { hookId: data.id, secret };
  },
  async unsubscribe({ input, auth, subscription, ctx }) {
    const hookId = Number(subscription.hookId);
    try {
      await github(auth, ctx).rest.repos.deleteWebhook({ owner: input.owner, repo: input.repo, hook_id: hookId });
    } catch (error) {
      // Deleted already (by hand, or with the repository): what unsubscribing wanted.
      if (error instanceof ConnectorError && error.status === 404) return;
      throw error;
    }
  },
  verify({ request, subscription }) {
    const secret = subscription.secret;
    const header = request.headers['x-hub-signature-256'];
    if (typeof secret !== 'string' || secret === '' || !header?.startsWith('sha256=')) return false;
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(request.rawBody).digest('hex')}`);
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  },
  parse({ request }) {
    // The hook also gets a `ping` on creation, and every other `issues` action.
    if (request.headers['x-github-event'] !== 'issues') return [];
    const payload = request.body as { action?: unknown; issue?: IssueData } | null;
    if (payload?.action !== 'opened' || !payload.issue) return [];
    return [issueFrom(payload.issue)];
  },
});
