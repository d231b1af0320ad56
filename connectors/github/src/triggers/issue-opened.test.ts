import { createHmac } from 'node:crypto';
import { standaloneContext, type WebhookRequest } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { issueJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';
import { issueOpened } from './issue-opened.js';

const input = { owner: 'octocat', repo: 'Hello-World' };
const ctx = standaloneContext({ name: 'github', version: '1.1.0' }, 'issues.opened');
const url = 'https://mova.example.test/hooks/triggers/triage';

/** A delivery as GitHub sends it: the body signed with the hook's secret in X-Hub-Signature-256. */
function delivery(payload: unknown, secret: string, event = 'issues'): WebhookRequest {
  const rawBody = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-hub-signature-256': signature },
    query: {},
    body: payload,
    rawBody,
  };
}

describe('issues.opened', () => {
  useGitHubMock();

  // Shapes from "Create a repository webhook": https://docs.github.com/en/rest/repos/webhooks#create-a-repository-webhook
  it('subscribes with a repository hook for issues events carrying a secret of its own, and deletes it on unsubscribe', async () => {
    let sent: { config: { secret: string } } | undefined;
    githubApi()
      .post('/repos/octocat/Hello-World/hooks', (body) => {
        sent = body;
        return (
          body.name === 'web' &&
          body.active === true &&
          JSON.stringify(body.events) === '["issues"]' &&
          body.config.url === url &&
          body.config.content_type === 'json' &&
          body.config.insecure_ssl === '0' &&
          /^[0-9a-f]{64}$/.test(body.config.secret)
        );
      })
      .reply(201, { id: 12345678, name: 'web', active: true, events: ['issues'], config: { url } });
    const subscription = await issueOpened.subscribe?.({ input, auth: connection, url, ctx });
    expect(subscription).toEqual({ hookId: 12345678, secret: sent?.config.secret });

    const other = await (async () => {
      githubApi().post('/repos/octocat/Hello-World/hooks').reply(201, { id: 2 });
      return issueOpened.subscribe?.({ input, auth: connection, url, ctx });
    })();
    expect(other?.secret).not.toBe(subscription?.secret);

    githubApi().delete('/repos/octocat/Hello-World/hooks/12345678').reply(204);
    await issueOpened.unsubscribe?.({ input, auth: connection, subscription: subscription ?? {}, ctx });
  });

  it('takes a hook deleted already as unsubscribed, and fails on other errors', async () => {
    const subscription = { hookId: 7, secret: 's' };
    githubApi().delete('/repos/octocat/Hello-World/hooks/7').reply(404, { message: 'Not Found' });
    await issueOpened.unsubscribe?.({ input, auth: connection, subscription, ctx });
    githubApi()
      .delete('/repos/octocat/Hello-World/hooks/7')
      .reply(403, { message: 'Must have admin rights to Repository.' });
    await expect(issueOpened.unsubscribe?.({ input, auth: connection, subscription, ctx })).rejects.toMatchObject({
      status: 403,
    });
  });

  it('verifies X-Hub-Signature-256 with the secret of the subscription, and refuses forged or unsigned deliveries', async () => {
    const subscription = { hookId: 1, secret: 'the-hook-secret' };
    const signed = delivery({ action: 'opened', issue: issueJson(5) }, 'the-hook-secret');
    const verify = (request: WebhookRequest, sub: Record<string, unknown> = subscription) =>
      issueOpened.verify?.({ request, auth: connection, input, subscription: sub });
    expect(await verify(signed)).toBe(true);
    expect(await verify(delivery({ action: 'opened', issue: issueJson(5) }, 'another-secret'))).toBe(false);
    expect(await verify({ ...signed, rawBody: signed.rawBody.replace('Found a bug', 'Found a bug!') })).toBe(false);
    const { 'x-hub-signature-256': _, ...unsigned } = signed.headers;
    expect(await verify({ ...signed, headers: unsigned })).toBe(false);
    expect(await verify(signed, {})).toBe(false);
  });

  // Payload from "Webhook events and payloads: issues": https://docs.github.com/en/webhooks/webhook-events-and-payloads#issues
  it('parses an opened issue, and nothing from other actions, other events or a ping', async () => {
    const items = await issueOpened.parse({ request: delivery({ action: 'opened', issue: issueJson(5) }, 's'), input });
    expect(items).toEqual([expect.objectContaining({ id: 5, number: 5, title: 'Found a bug', state: 'open' })]);
    expect(
      await issueOpened.parse({ request: delivery({ action: 'closed', issue: issueJson(5) }, 's'), input }),
    ).toEqual([]);
    expect(
      await issueOpened.parse({ request: delivery({ zen: 'Keep it simple.', hook_id: 1 }, 's', 'ping'), input }),
    ).toEqual([]);
  });
});
