// Shapes from https://docs.slack.dev/reference/methods/users.lookupByEmail (typical success response)
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { connection, slackApi } from '../../test/slack-api.js';
import connector from '../index.js';

describe('users.lookupByEmail', () => {
  it('returns the user with that email', async () => {
    slackApi()
      .post('/api/users.lookupByEmail', { email: 'spengler@ghostbusters.example.com' })
      .reply(200, {
        ok: true,
        user: {
          id: 'W012A3CDE',
          team_id: 'T012AB3C4',
          name: 'spengler',
          deleted: false,
          color: '9f69e7',
          real_name: 'Egon Spengler',
          tz: 'America/Los_Angeles',
          tz_label: 'Pacific Daylight Time',
          tz_offset: -25200,
          profile: {
            avatar_hash: 'ge3b51ca72de',
            status_text: 'Print is dead',
            status_emoji: ':books:',
            real_name: 'Egon Spengler',
            display_name: 'spengler',
            real_name_normalized: 'Egon Spengler',
            display_name_normalized: 'spengler',
            email: 'spengler@ghostbusters.example.com',
            team: 'T012AB3C4',
          },
          is_admin: true,
          is_owner: false,
          is_primary_owner: false,
          is_restricted: false,
          is_ultra_restricted: false,
          is_bot: false,
          updated: 1502138686,
          is_app_user: false,
          has_2fa: false,
        },
      });
    const out = await runAction(
      connector,
      'users.lookupByEmail',
      { email: 'spengler@ghostbusters.example.com' },
      { auth: connection },
    );
    expect(out).toEqual({
      id: 'W012A3CDE',
      teamId: 'T012AB3C4',
      name: 'spengler',
      realName: 'Egon Spengler',
      displayName: 'spengler',
      email: 'spengler@ghostbusters.example.com',
      timezone: 'America/Los_Angeles',
      isBot: false,
      deleted: false,
    });
  });

  it('maps users_not_found to not_found', async () => {
    slackApi().post('/api/users.lookupByEmail').reply(200, { ok: false, error: 'users_not_found' });
    await expect(
      runAction(connector, 'users.lookupByEmail', { email: 'nobody@example.com' }, { auth: connection }),
    ).rejects.toMatchObject({
      kind: 'not_found',
      vendorMessage: 'users_not_found',
      hint: expect.stringContaining('email'),
    });
  });

  it('rejects a value that is not an email address', async () => {
    await expect(
      runAction(connector, 'users.lookupByEmail', { email: 'spengler' }, { auth: connection }),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });
});
