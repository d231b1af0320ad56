import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSentry } from '../client.js';
import { releaseSchema, toRelease } from '../schemas.js';

export const createRelease = defineAction({
  auth,
  key: 'releases.create',
  title: 'Create a release',
  description:
    'Creates a release for one or more projects (from CI, after a build), so events, issues and "resolved in release" refer to it. Creating a release that exists gives it back unchanged.',
  input: Type.Object({
    version: Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[^/\\\\\\s]+$',
      description: 'Version, unique in the organization, e.g. my-app@2.4.1 or a commit SHA (no slashes or spaces)',
    }),
    projects: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: 'Slugs of the projects it belongs to',
    }),
    ref: Type.Optional(Type.String({ minLength: 1, description: 'Commit SHA or tag it was built from' })),
    url: Type.Optional(Type.String({ format: 'uri', description: 'Link to the build or changelog' })),
    dateReleased: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'When it went out (ISO 8601); leave out if it is not released yet',
      }),
    ),
  }),
  output: releaseSchema,
  examples: [
    { input: { version: 'backend@2.4.1', projects: ['backend'], ref: '6ba09a7c53235ee8a8fa5ee4c1ca8ca886e7fdbb' } },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await withSentry(auth, ctx, (http) =>
      http.post('/releases/', {
        json: {
          version: input.version,
          projects: input.projects,
          ref: input.ref,
          url: input.url,
          dateReleased: input.dateReleased,
        },
      }),
    );
    return toRelease(data);
  },
});
