import nock from 'nock';
import { afterEach, beforeAll, expect } from 'vitest';

// Not a real token: shaped like one so Octokit sends it as GitHub expects (`token <value>`).
export const TOKEN = 'ghp_mova_test_not_a_real_token';

/** The connection the tests run actions with. */
export const connection = { token: TOKEN };

/**
 * Blocks all traffic but loopback for the test file (and leaves it blocked: nothing may reach GitHub)
 * and checks after each test that every mocked GitHub call was made, so a test cannot pass without them.
 */
export function useGitHubMock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
}

/** A GitHub Enterprise Server the tests point `baseUrl` at (`.test` is reserved: it never resolves). */
export const GHE_ORIGIN = 'https://ghe.example.test';
export const gheConnection = { token: TOKEN, baseUrl: `${GHE_ORIGIN}/api/v3` };

/**
 * api.github.com (or the server at `origin`), answering only requests that carry the token and the
 * pinned API version.
 */
export function githubApi(origin = 'https://api.github.com'): nock.Scope {
  return nock(origin, {
    reqheaders: { authorization: `token ${TOKEN}`, 'x-github-api-version': '2022-11-28' },
  });
}
