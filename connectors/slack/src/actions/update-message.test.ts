// Shapes from https://docs.slack.dev/reference/methods/chat.update
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { connection, slackApi } from '../../test/slack-api.js';
import connector from '../index.js';

describe('chat.update', () => {
  it('replaces the text of the message at channel + ts', async () => {
    slackApi()
      .post('/api/chat.update', {
        channel: 'C123ABC456',
        ts: '1401383885.000061',
        text: 'Updated text you carefully authored',
      })
      .reply(200, {
        ok: true,
        channel: 'C123ABC456',
        ts: '1401383885.000061',
        text: 'Updated text you carefully authored',
        message: { text: 'Updated text you carefully authored', user: 'U34567890' },
      });
    const out = await runAction(
      connector,
      'chat.update',
      { channel: 'C123ABC456', ts: '1401383885.000061', text: 'Updated text you carefully authored' },
      { auth: connection },
    );
    expect(out).toEqual({
      channel: 'C123ABC456',
      ts: '1401383885.000061',
      text: 'Updated text you carefully authored',
    });
  });

  it('sends new blocks along with the text', async () => {
    const blocks = [{ type: 'divider' }];
    slackApi()
      .post('/api/chat.update', { channel: 'C1', ts: '1.2', text: 'x', blocks: JSON.stringify(blocks) })
      .reply(200, { ok: true, channel: 'C1', ts: '1.2', text: 'x' });
    await runAction(connector, 'chat.update', { channel: 'C1', ts: '1.2', text: 'x', blocks }, { auth: connection });
  });

  it.each([
    ['message_not_found', 'not_found'],
    ['cant_update_message', 'invalid_input'],
    ['edit_window_closed', 'invalid_input'],
  ])('maps %s to %s', async (code, kind) => {
    slackApi().post('/api/chat.update').reply(200, { ok: false, error: code });
    await expect(
      runAction(connector, 'chat.update', { channel: 'C1', ts: '1.2', text: 'x' }, { auth: connection }),
    ).rejects.toMatchObject({ kind, vendorMessage: code, actionKey: 'chat.update' });
  });
});
