import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from './index.js';
import { issueJson } from './testing/fixtures.js';
import { GHE_ORIGIN, gheConnection, githubApi, useGitHubMock } from './testing/github-api.js';

// GitHub Enterprise Server serves the same REST API under http(s)://HOSTNAME/api/v3:
// https://docs.github.com/en/enterprise-server@latest/rest/quickstart
describe('GitHub Enterprise Server (baseUrl)', () => {
  useGitHubMock();

  const createIssue = (auth: object) =>
    runAction(connector, 'issues.create', { owner: 'o', repo: 'r', title: 'Found a bug' }, { auth });

  it('sends actions to the API root in baseUrl, with the token and the pinned API version', async () => {
    githubApi(GHE_ORIGIN).post('/api/v3/repos/o/r/issues', { title: 'Found a bug' }).reply(201, issueJson(7));
    await expect(createIssue(gheConnection)).resolves.toMatchObject({ number: 7, title: 'Found a bug' });
  });

  it('accepts a baseUrl with a trailing slash', async () => {
    githubApi(GHE_ORIGIN).post('/api/v3/repos/o/r/issues').reply(201, issueJson(8));
    await expect(createIssue({ ...gheConnection, baseUrl: `${GHE_ORIGIN}/api/v3/` })).resolves.toMatchObject({
      number: 8,
    });
  });

  it('follows pagination links on the server', async () => {
    const page2 = `${GHE_ORIGIN}/api/v3/repositories/12/issues?state=open&per_page=2&page=2`;
    githubApi(GHE_ORIGIN)
      .get('/api/v3/repos/o/r/issues')
      .query({ state: 'open', per_page: '2' })
      .reply(200, [issueJson(4)], { link: `<${page2}>; rel="next", <${page2}>; rel="last"` })
      .get('/api/v3/repositories/12/issues')
      .query({ state: 'open', per_page: '2', page: '2' })
      .reply(200, [issueJson(3)]);

    const output = await runAction(
      connector,
      'issues.list',
      { owner: 'o', repo: 'r', limit: 2 },
      { auth: gheConnection },
    );
    expect(output).toMatchObject({ issues: [{ number: 4 }, { number: 3 }] });
  });

  it('names the server when it cannot be reached', async () => {
    githubApi(GHE_ORIGIN).post('/api/v3/repos/o/r/issues').replyWithError({ code: 'ECONNREFUSED', message: 'refused' });
    await expect(createIssue(gheConnection)).rejects.toMatchObject({
      kind: 'transient',
      hint: 'Check that this machine can reach ghe.example.test, then retry.',
    });
  });

  it('refuses a baseUrl that is not an http(s) URL before calling anything', async () => {
    await expect(createIssue({ ...gheConnection, baseUrl: 'ghe.example.test/api/v3' })).rejects.toMatchObject({
      code: 'E_VALIDATION',
    });
    await expect(createIssue({ ...gheConnection, baseUrl: 'ftp://ghe.example.test/api/v3' })).rejects.toMatchObject({
      code: 'E_VALIDATION',
    });
  });
});
