// Shapes from https://docs.slack.dev/reference/methods/reactions.add
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { connection, slackApi } from '../../test/slack-api.js';
import connector from '../index.js';

describe('reactions.add', () => {
  it('adds the emoji by its bare name', async () => {
    slackApi()
      .post('/api/reactions.add', { channel: 'C123ABC456', timestamp: '1234567890.123456', name: 'thumbsup' })
      .reply(200, { ok: true });
    const out = await runAction(
      connector,
      'reactions.add',
      { channel: 'C123ABC456', timestamp: '1234567890.123456', name: ':thumbsup:' },
      { auth: connection },
    );
    expect(out).toEqual({ channel: 'C123ABC456', timestamp: '1234567890.123456', name: 'thumbsup' });
  });

  it.each([
    ['already_reacted', 'conflict'],
    ['invalid_name', 'invalid_input'],
    ['message_not_found', 'not_found'],
  ])('maps %s to %s', async (code, kind) => {
    slackApi().post('/api/reactions.add').reply(200, { ok: false, error: code });
    await expect(
      runAction(connector, 'reactions.add', { channel: 'C1', timestamp: '1.2', name: 'eyes' }, { auth: connection }),
    ).rejects.toMatchObject({ kind, vendorMessage: code });
  });
});
