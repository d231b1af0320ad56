// Error codes from the "Errors" tables of https://docs.slack.dev/reference/methods/chat.postMessage and
// https://docs.slack.dev/reference/methods/auth.test; rate limits from https://docs.slack.dev/apis/web-api/rate-limits
// (HTTP 429 with a Retry-After header in seconds).
import { ConnectorError, runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { connection, failure, slackApi } from '../test/slack-api.js';
import connector from './index.js';

const post = () =>
  failure(runAction(connector, 'chat.postMessage', { channel: 'C123ABC456', text: 'hi' }, { auth: connection }));

describe('Slack error codes', () => {
  it.each([
    ['not_authed', 'auth'],
    ['invalid_auth', 'auth'],
    ['token_revoked', 'auth'],
    ['missing_scope', 'auth'],
    ['not_in_channel', 'auth'],
    ['channel_not_found', 'not_found'],
    ['invalid_arguments', 'invalid_input'],
    ['invalid_blocks', 'invalid_input'],
    ['msg_too_long', 'invalid_input'],
    ['ratelimited', 'rate_limit'],
    ['internal_error', 'transient'],
    ['some_future_code', 'unknown'],
  ])('%s becomes kind %s', async (code, kind) => {
    slackApi().post('/api/chat.postMessage').reply(200, { ok: false, error: code });
    const error = await post();
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind, vendorMessage: code, actionKey: 'chat.postMessage' });
  });

  it('names the scope a missing_scope answer asks for', async () => {
    slackApi()
      .post('/api/chat.postMessage')
      .reply(200, { ok: false, error: 'missing_scope', needed: 'chat:write', provided: 'channels:read' });
    const error = await post();
    expect(error.message).toBe('Slack refused the call: missing_scope (needs chat:write)');
  });

  it('turns HTTP 429 with Retry-After into rate_limit carrying the wait, without waiting itself', async () => {
    slackApi().post('/api/chat.postMessage').reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '30' });
    const started = Date.now();
    const error = await post();
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 30, retryable: true });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('turns an HTTP 503 into transient with its status', async () => {
    slackApi().post('/api/chat.postMessage').reply(503, 'upstream unavailable');
    expect(await post()).toMatchObject({ kind: 'transient', status: 503, vendorMessage: 'upstream unavailable' });
  });

  it('turns a network failure into transient', async () => {
    slackApi().post('/api/chat.postMessage').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const error = await post();
    expect(error).toMatchObject({ kind: 'transient' });
    expect(error.message).toContain('Could not reach Slack');
  });
});
