// Shapes from https://docs.slack.dev/reference/methods/auth.test
import { testConnection, ValidationError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { connection, slackApi } from '../test/slack-api.js';
import connector from './index.js';

describe('Slack connection', () => {
  it('is valid when auth.test answers ok', async () => {
    slackApi().post('/api/auth.test').reply(200, {
      ok: true,
      url: 'https://subarachnoid.slack.com/',
      team: 'Subarachnoid Workspace',
      user: 'bot',
      team_id: 'T0G9PQBBK',
      user_id: 'W23456789',
      bot_id: 'BZYBOTHED',
    });
    await expect(testConnection(connector, connection)).resolves.toBeUndefined();
  });

  it('fails with kind auth when Slack says invalid_auth', async () => {
    slackApi().post('/api/auth.test').reply(200, { ok: false, error: 'invalid_auth' });
    await expect(testConnection(connector, connection)).rejects.toMatchObject({
      kind: 'auth',
      vendorMessage: 'invalid_auth',
      hint: expect.stringContaining('fresh bot or user token'),
    });
  });

  it('rejects an empty token without calling Slack', async () => {
    await expect(testConnection(connector, { token: '' })).rejects.toBeInstanceOf(ValidationError);
  });
});
