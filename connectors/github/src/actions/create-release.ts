import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { owner, repo } from '../shapes/common.js';
import { exampleRelease } from '../shapes/examples.js';
import { Release, releaseFrom } from '../shapes/release.js';

export const createRelease = defineAction({
  auth,
  key: 'releases.create',
  title: 'Create a release',
  description:
    'Publishes a release (or a draft) for a tag, creating the tag from a branch or commit if it does not exist.',
  input: Type.Object({
    owner,
    repo,
    tag_name: Type.String({ minLength: 1, description: 'Tag of the release, e.g. "v1.0.0".' }),
    target_commitish: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Branch or commit SHA to tag when the tag does not exist yet; defaults to the default branch.',
      }),
    ),
    name: Type.Optional(Type.String({ description: 'Title of the release.' })),
    body: Type.Optional(Type.String({ description: 'Release notes, in Markdown.' })),
    draft: Type.Optional(Type.Boolean({ description: 'Create an unpublished draft.' })),
    prerelease: Type.Optional(Type.Boolean({ description: 'Mark it as a pre-release.' })),
    generate_release_notes: Type.Optional(
      Type.Boolean({ description: 'Let GitHub write the notes from merged pull requests (added after body).' }),
    ),
    make_latest: Type.Optional(
      Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('legacy')], {
        description: 'Whether it becomes the "latest" release; GitHub defaults to true (legacy: by date and semver).',
      }),
    ),
  }),
  output: Release,
  examples: [
    {
      input: {
        owner: 'octocat',
        repo: 'Hello-World',
        tag_name: 'v1.0.0',
        target_commitish: 'master',
        name: 'v1.0.0',
        body: 'Description of the release',
      },
      output: exampleRelease,
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.repos.createRelease(input);
    return releaseFrom(data);
  },
});
