import { ConnectorError, runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from './index.js';
import { repositoryJson } from './testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from './testing/github-api.js';

// Error shapes from "Troubleshooting the REST API" and "Rate limits for the REST API":
// https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
// https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
const input = { owner: 'octocat', repo: 'Hello-World' };
const getRepo = (options: { signal?: AbortSignal } = {}) =>
  runAction(connector, 'repos.get', input, { auth: connection, ...options }).catch((e: unknown) => e);

describe('GitHub errors', () => {
  useGitHubMock();

  it('a 403 for a missing permission is auth, and the hint links GitHub’s docs', async () => {
    githubApi().get('/repos/octocat/Hello-World').reply(403, {
      message: 'Resource not accessible by personal access token',
      documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
      status: '403',
    });
    const error = await getRepo();
    expect(error).toMatchObject({ kind: 'auth', status: 403, retryable: false });
    expect((error as ConnectorError).hint).toContain('https://docs.github.com/rest/repos/repos#get-a-repository');
  });

  it('a 403 with x-ratelimit-remaining 0 is rate_limit, waiting until x-ratelimit-reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    githubApi()
      .get('/repos/octocat/Hello-World')
      .reply(
        403,
        {
          message: 'API rate limit exceeded for user ID 1.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
        { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      );
    const error = await getRepo();
    expect(error).toMatchObject({ kind: 'rate_limit', status: 403, retryable: true });
    expect((error as ConnectorError).retryAfter).toBeGreaterThanOrEqual(118);
    expect((error as ConnectorError).retryAfter).toBeLessThanOrEqual(120);
  });

  // Retry-After as delay-seconds or as an HTTP date (RFC 9110 §10.2.3).
  it.each([
    ['30', 30, 30],
    [new Date(Date.now() + 45_000).toUTCString(), 30, 45],
  ])('a 429 takes its wait from retry-after %s', async (retryAfter, least, most) => {
    githubApi()
      .get('/repos/octocat/Hello-World')
      .reply(429, { message: 'Too many requests' }, { 'retry-after': retryAfter });
    const error = await getRepo();
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429 });
    expect((error as ConnectorError).retryAfter).toBeGreaterThanOrEqual(least);
    expect((error as ConnectorError).retryAfter).toBeLessThanOrEqual(most);
  });

  it('a secondary rate limit without headers waits a minute, as GitHub advises', async () => {
    githubApi().get('/repos/octocat/Hello-World').reply(403, {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    });
    await expect(getRepo()).resolves.toMatchObject({ kind: 'rate_limit', retryAfter: 60 });
  });

  it('a 502 is transient', async () => {
    githubApi().get('/repos/octocat/Hello-World').reply(502, 'Server Error', { 'content-type': 'text/plain' });
    await expect(getRepo()).resolves.toMatchObject({
      kind: 'transient',
      status: 502,
      vendorMessage: 'Server Error',
      retryable: true,
    });
  });

  it('a connection failure is transient, without a status', async () => {
    githubApi().get('/repos/octocat/Hello-World').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const error = await getRepo();
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'transient', status: undefined, actionKey: 'repos.get' });
    expect((error as Error).message).toMatch(/^GitHub could not be reached \(GET \/repos\/octocat\/Hello-World\)/);
  });

  it('an abort from the step’s signal passes through as it is', async () => {
    const controller = new AbortController();
    githubApi()
      .get('/repos/octocat/Hello-World')
      .reply(200, () => {
        controller.abort();
        return repositoryJson();
      });
    const error = await getRepo({ signal: controller.signal });
    expect(error).not.toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});
