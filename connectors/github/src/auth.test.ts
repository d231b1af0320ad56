import { testConnection, ValidationError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from './index.js';
import { badCredentialsJson, notFoundJson } from './testing/fixtures.js';
import { connection, GHE_ORIGIN, gheConnection, githubApi, useGitHubMock } from './testing/github-api.js';

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

// Rate limiting is off by default on Enterprise Server
// (https://docs.github.com/en/enterprise-server@latest/rest/using-the-rest-api/rate-limits-for-the-rest-api),
// and GET /rate_limit then answers 404 with this body (as reported in actions/stale#1227).
// GET /meta: https://docs.github.com/en/enterprise-server@latest/rest/meta/meta#get-github-enterprise-server-meta-information
const rateLimitOffJson = {
  message: 'Rate limiting is not enabled.',
  documentation_url: 'https://docs.github.com/enterprise-server@3.17/rest',
};
const metaJson = { verifiable_password_authentication: false, installed_version: '3.17.0' };

const rateLimitOff = () => githubApi(GHE_ORIGIN).get('/api/v3/rate_limit').reply(404, rateLimitOffJson);

describe('connection check on GitHub Enterprise Server', () => {
  useGitHubMock();

  it('uses GET /rate_limit under baseUrl when the server has rate limiting on', async () => {
    githubApi(GHE_ORIGIN).get('/api/v3/rate_limit').reply(200, rateLimitJson);
    await expect(testConnection(connector, gheConnection)).resolves.toBeUndefined();
  });

  it('falls back to GET /meta when rate limiting is off (404)', async () => {
    rateLimitOff().get('/api/v3/meta').reply(200, metaJson);
    await expect(testConnection(connector, gheConnection)).resolves.toBeUndefined();
  });

  it('refuses a token the server rejects at /meta, as kind auth', async () => {
    rateLimitOff().get('/api/v3/meta').reply(401, badCredentialsJson);
    await expect(testConnection(connector, gheConnection)).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
      vendorMessage: 'Bad credentials',
    });
  });

  it('refuses a token the server rejects at /rate_limit without a second call', async () => {
    githubApi(GHE_ORIGIN).get('/api/v3/rate_limit').reply(401, badCredentialsJson);
    await expect(testConnection(connector, gheConnection)).rejects.toMatchObject({ kind: 'auth', status: 401 });
  });

  it('does not fall back on github.com, where /rate_limit always exists', async () => {
    githubApi().get('/rate_limit').reply(404, notFoundJson);
    await expect(testConnection(connector, connection)).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});
