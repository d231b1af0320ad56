// Shapes from https://docs.slack.dev/reference/methods/conversations.list and the cursor rules of
// https://docs.slack.dev/apis/web-api/pagination (an empty next_cursor ends the list).
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { connection, slackApi } from '../../test/slack-api.js';
import connector from '../index.js';

const channel = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  is_channel: true,
  is_group: false,
  is_im: false,
  is_mpim: false,
  is_private: false,
  created: 1449252889,
  is_archived: false,
  is_general: false,
  is_member: true,
  num_members: 4,
  topic: { value: '', creator: '', last_set: 0 },
  purpose: { value: 'Fun times', creator: 'U123ABC456', last_set: 1449709364 },
  ...extra,
});

describe('conversations.list', () => {
  it('follows the cursor, asking each page only for what is still missing, and returns the cursor to resume', async () => {
    slackApi()
      .post('/api/conversations.list', {
        types: 'public_channel,private_channel',
        exclude_archived: 'true',
        limit: '3',
      })
      .reply(200, {
        ok: true,
        channels: [channel('C012AB3CD', 'general'), channel('C061EG9T2', 'random')],
        response_metadata: { next_cursor: 'dGVhbTpDMDYxRkE1UEI=' },
      });
    slackApi()
      .post('/api/conversations.list', {
        types: 'public_channel,private_channel',
        exclude_archived: 'true',
        limit: '1',
        cursor: 'dGVhbTpDMDYxRkE1UEI=',
      })
      .reply(200, {
        ok: true,
        channels: [channel('G0AKFJBEU', 'secret', { is_private: true, is_member: false, num_members: 2 })],
        response_metadata: { next_cursor: 'dGVhbTpDMDYxRkE1UEC=' },
      });
    const out = await runAction(
      connector,
      'conversations.list',
      { types: ['public_channel', 'private_channel'], limit: 3 },
      { auth: connection },
    );
    expect(out).toEqual({
      channels: [
        {
          id: 'C012AB3CD',
          name: 'general',
          isPrivate: false,
          isArchived: false,
          isMember: true,
          numMembers: 4,
          purpose: 'Fun times',
          created: 1449252889,
        },
        {
          id: 'C061EG9T2',
          name: 'random',
          isPrivate: false,
          isArchived: false,
          isMember: true,
          numMembers: 4,
          purpose: 'Fun times',
          created: 1449252889,
        },
        {
          id: 'G0AKFJBEU',
          name: 'secret',
          isPrivate: true,
          isArchived: false,
          isMember: false,
          numMembers: 2,
          purpose: 'Fun times',
          created: 1449252889,
        },
      ],
      nextCursor: 'dGVhbTpDMDYxRkE1UEC=',
    });
  });

  it('stops when Slack ends the list with an empty cursor, and starts from a given cursor', async () => {
    slackApi()
      .post('/api/conversations.list', {
        types: 'public_channel',
        exclude_archived: 'false',
        limit: '200',
        cursor: 'abc=',
      })
      .reply(200, {
        ok: true,
        channels: [channel('C0', 'old', { is_archived: true })],
        response_metadata: { next_cursor: '' },
      });
    const out = await runAction(
      connector,
      'conversations.list',
      { excludeArchived: false, limit: 500, cursor: 'abc=' },
      { auth: connection },
    );
    expect(out).toEqual({
      channels: [
        {
          id: 'C0',
          name: 'old',
          isPrivate: false,
          isArchived: true,
          isMember: true,
          numMembers: 4,
          purpose: 'Fun times',
          created: 1449252889,
        },
      ],
    });
  });

  it('maps invalid_cursor to invalid_input', async () => {
    slackApi().post('/api/conversations.list').reply(200, { ok: false, error: 'invalid_cursor' });
    await expect(
      runAction(connector, 'conversations.list', { cursor: 'stale' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'invalid_input', vendorMessage: 'invalid_cursor' });
  });
});
