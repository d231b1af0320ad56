import { testConnection, ValidationError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from './index.js';
import { badCredentialsJson } from './testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from './testing/github-api.js';

// Shapes from "Get rate limit status for the authenticated user":
// https://docs.github.com/en/rest/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user
const bucket = { limit: 5000, used: 1, remaining: 4999, reset: 1691591363 };
const rateLimitJson = {
  resources: { core: bucket, search: { limit: 30, used: 12, remaining: 18, reset: 1691591091 }, graphql: bucket },
  rate: bucket,
};

describe('connection check', () => {
  useGitHubMock();

  it('accepts a token GitHub answers GET /rate_limit for', async () => {
    githubApi().get('/rate_limit').reply(200, rateLimitJson);
    await expect(testConnection(connector, connection)).resolves.toBeUndefined();
  });

  it('refuses a token GitHub rejects, as kind auth', async () => {
    githubApi().get('/rate_limit').reply(401, badCredentialsJson);
    await expect(testConnection(connector, connection)).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
      vendorMessage: 'Bad credentials',
    });
  });

  it('refuses an empty token before calling GitHub', async () => {
    await expect(testConnection(connector, { token: '' })).rejects.toBeInstanceOf(ValidationError);
  });
});
