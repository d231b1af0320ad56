// Request and answer shapes from https://docs.slack.dev/reference/methods/chat.postMessage
import { ConnectorError, runAction, ValidationError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { connection, failure, slackApi } from '../../test/slack-api.js';
import connector from '../index.js';

const posted = {
  ok: true,
  channel: 'C123ABC456',
  ts: '1503435956.000247',
  message: {
    text: 'Here’s a message for you',
    username: 'ecto1',
    bot_id: 'B123ABC456',
    type: 'message',
    subtype: 'bot_message',
    ts: '1503435956.000247',
  },
};

describe('chat.postMessage', () => {
  it('posts the text form-encoded and returns channel and ts', async () => {
    slackApi()
      .post('/api/chat.postMessage', { channel: 'C123ABC456', text: 'Here’s a message for you' })
      .reply(200, posted);
    const out = await runAction(
      connector,
      'chat.postMessage',
      { channel: 'C123ABC456', text: 'Here’s a message for you' },
      { auth: connection },
    );
    expect(out).toEqual({ channel: 'C123ABC456', ts: '1503435956.000247' });
  });

  it('sends blocks as a JSON string and replies in a thread, broadcast to the channel', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Build failed*' } }];
    slackApi()
      .post('/api/chat.postMessage', {
        channel: 'C123ABC456',
        text: 'Build failed',
        blocks: JSON.stringify(blocks),
        thread_ts: '1503435956.000247',
        reply_broadcast: 'true',
      })
      .reply(200, { ...posted, ts: '1503435957.000100' });
    const out = await runAction(
      connector,
      'chat.postMessage',
      { channel: 'C123ABC456', text: 'Build failed', blocks, threadTs: '1503435956.000247', replyBroadcast: true },
      { auth: connection },
    );
    expect(out).toEqual({ channel: 'C123ABC456', ts: '1503435957.000100' });
  });

  it('maps channel_not_found (HTTP 200, ok:false) to not_found with a hint', async () => {
    slackApi().post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    const error = await failure(
      runAction(connector, 'chat.postMessage', { channel: 'C404', text: 'hi' }, { auth: connection }),
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'not_found',
      vendorMessage: 'channel_not_found',
      actionKey: 'chat.postMessage',
    });
    expect(error.hint).toContain('channel ID');
  });

  it('rejects input without text before calling Slack', async () => {
    const error = await failure(runAction(connector, 'chat.postMessage', { channel: 'C1' }, { auth: connection }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([expect.objectContaining({ pointer: '/input/text' })]);
  });
});
