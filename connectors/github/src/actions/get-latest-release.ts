import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { owner, repo } from '../shapes/common.js';
import { exampleRelease } from '../shapes/examples.js';
import { Release, releaseFrom } from '../shapes/release.js';

export const getLatestRelease = defineAction({
  auth,
  key: 'releases.getLatest',
  title: 'Get the latest release',
  description:
    'Reads the release marked latest: the newest published one that is not a draft or pre-release. Fails with kind not_found when there is none.',
  input: Type.Object({ owner, repo }),
  output: Release,
  examples: [{ input: { owner: 'octocat', repo: 'Hello-World' }, output: exampleRelease }],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.repos.getLatestRelease(input);
    return releaseFrom(data);
  },
});
