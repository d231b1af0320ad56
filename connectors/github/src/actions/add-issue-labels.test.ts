import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { labelJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Add labels to an issue": https://docs.github.com/en/rest/issues/labels#add-labels-to-an-issue
describe('issues.addLabels', () => {
  useGitHubMock();

  it('posts the label names and returns all labels the issue now has', async () => {
    githubApi()
      .post('/repos/octocat/Hello-World/issues/1347/labels', { labels: ['enhancement'] })
      .reply(200, [
        labelJson,
        {
          id: 208045947,
          node_id: 'MDU6TGFiZWwyMDgwNDU5NDc=',
          url: 'https://api.github.com/repos/octocat/Hello-World/labels/enhancement',
          name: 'enhancement',
          description: 'New feature or request',
          color: 'a2eeef',
          default: false,
        },
      ]);

    await expect(
      runAction(
        connector,
        'issues.addLabels',
        { owner: 'octocat', repo: 'Hello-World', issue_number: 1347, labels: ['enhancement'] },
        { auth: connection },
      ),
    ).resolves.toEqual({
      labels: [
        { name: 'bug', color: 'f29513', description: "Something isn't working" },
        { name: 'enhancement', color: 'a2eeef', description: 'New feature or request' },
      ],
    });
  });

  it('needs at least one label', async () => {
    await expect(
      runAction(
        connector,
        'issues.addLabels',
        { owner: 'octocat', repo: 'Hello-World', issue_number: 1347, labels: [] },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });
});
