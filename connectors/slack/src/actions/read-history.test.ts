// Shapes from https://docs.slack.dev/reference/methods/conversations.history
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { connection, slackApi } from '../../test/slack-api.js';
import connector from '../index.js';

describe('conversations.history', () => {
  it('passes the time window and pages through the cursor up to the limit', async () => {
    slackApi()
      .post('/api/conversations.history', {
        channel: 'C123ABC456',
        oldest: '1512085950.000216',
        latest: '1512104434.000490',
        inclusive: 'true',
        limit: '2',
      })
      .reply(200, {
        ok: true,
        messages: [
          {
            type: 'message',
            user: 'U123ABC456',
            text: 'I find you punny and would like to smell your nose letter',
            ts: '1512085950.000216',
          },
        ],
        has_more: true,
        pin_count: 0,
        response_metadata: { next_cursor: 'bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz' },
      });
    slackApi()
      .post('/api/conversations.history', {
        channel: 'C123ABC456',
        oldest: '1512085950.000216',
        latest: '1512104434.000490',
        inclusive: 'true',
        limit: '1',
        cursor: 'bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz',
      })
      .reply(200, {
        ok: true,
        messages: [
          {
            type: 'message',
            subtype: 'bot_message',
            bot_id: 'B123',
            text: 'deploy done',
            ts: '1512085861.000543',
            thread_ts: '1512085861.000543',
            reply_count: 3,
          },
        ],
        has_more: false,
        response_metadata: { next_cursor: '' },
      });
    const out = await runAction(
      connector,
      'conversations.history',
      { channel: 'C123ABC456', oldest: '1512085950.000216', latest: '1512104434.000490', inclusive: true, limit: 2 },
      { auth: connection },
    );
    expect(out).toEqual({
      messages: [
        {
          ts: '1512085950.000216',
          type: 'message',
          text: 'I find you punny and would like to smell your nose letter',
          user: 'U123ABC456',
        },
        {
          ts: '1512085861.000543',
          type: 'message',
          subtype: 'bot_message',
          text: 'deploy done',
          botId: 'B123',
          threadTs: '1512085861.000543',
          replyCount: 3,
        },
      ],
    });
  });

  it('maps not_in_channel to auth, telling the user to invite the app', async () => {
    slackApi().post('/api/conversations.history').reply(200, { ok: false, error: 'not_in_channel' });
    await expect(
      runAction(connector, 'conversations.history', { channel: 'C123ABC456' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'auth', hint: expect.stringContaining('/invite') });
  });

  it('rejects an oldest that is not a Slack timestamp', async () => {
    await expect(
      runAction(connector, 'conversations.history', { channel: 'C1', oldest: 'yesterday' }, { auth: connection }),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });
});
