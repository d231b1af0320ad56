import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { collect, pageSize } from '../paginate.js';
import { limit, owner, repo } from '../shapes/common.js';
import { exampleRelease } from '../shapes/examples.js';
import { Release, releaseFrom } from '../shapes/release.js';

export const listReleases = defineAction({
  auth,
  key: 'releases.list',
  title: 'List releases',
  description:
    'Lists the releases of a repository, newest first; drafts are included when the token can push to the repository.',
  input: Type.Object({ owner, repo, limit: limit('releases') }),
  output: Type.Object({ releases: Type.Array(Release, { description: 'Releases, newest first.' }) }),
  examples: [{ input: { owner: 'octocat', repo: 'Hello-World', limit: 10 }, output: { releases: [exampleRelease] } }],
  async run({ input, auth, ctx }) {
    const { limit, ...params } = input;
    const octokit = github(auth, ctx);
    const pages = octokit.paginate.iterator(octokit.rest.repos.listReleases, { ...params, per_page: pageSize(limit) });
    const releases = await collect(pages, limit);
    return { releases: releases.map(releaseFrom) };
  },
});
