import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSentry } from '../client.js';
import { issueIdField, issueSchema, toIssue } from '../schemas.js';

export const updateIssue = defineAction({
  auth,
  key: 'issues.update',
  title: 'Update an issue',
  description:
    'Resolves (now, in a release or in the next release), ignores (for a time or a number of events, or until it escalates), reopens, assigns or unassigns an issue, or bookmarks it. Fields left out stay as they are.',
  input: Type.Object({
    issueId: issueIdField,
    status: Type.Optional(
      Type.Union([Type.Literal('resolved'), Type.Literal('unresolved'), Type.Literal('ignored')], {
        description: 'resolved, unresolved (reopen) or ignored',
      }),
    ),
    resolveInRelease: Type.Optional(
      Type.String({ minLength: 1, description: 'With status resolved: resolved in this release version' }),
    ),
    resolveInNextRelease: Type.Optional(
      Type.Boolean({ description: 'With status resolved: resolved in the next release' }),
    ),
    ignoreMinutes: Type.Optional(
      Type.Integer({ minimum: 1, description: 'With status ignored: ignore for this many minutes' }),
    ),
    ignoreCount: Type.Optional(
      Type.Integer({ minimum: 1, description: 'With status ignored: until it happens this many more times' }),
    ),
    assignedTo: Type.Optional(
      Type.String({
        description:
          'Assign to user:<id>, team:<id>, a username or an email of an organization member; empty string unassigns',
      }),
    ),
    isBookmarked: Type.Optional(Type.Boolean({ description: 'Bookmark it for the token’s user' })),
  }),
  output: issueSchema,
  examples: [
    {
      title: 'Resolve in the next release',
      input: { issueId: '4021', status: 'resolved', resolveInNextRelease: true },
    },
    { title: 'Assign to a team', input: { issueId: '4021', assignedTo: 'team:12' } },
  ],
  async run({ input, auth, ctx }) {
    const statusDetails = {
      ...(input.resolveInRelease ? { inRelease: input.resolveInRelease } : {}),
      ...(input.resolveInNextRelease ? { inNextRelease: true } : {}),
      ...(input.ignoreMinutes ? { ignoreDuration: input.ignoreMinutes } : {}),
      ...(input.ignoreCount ? { ignoreCount: input.ignoreCount } : {}),
    };
    const body = {
      status: input.status,
      ...(Object.keys(statusDetails).length > 0 ? { statusDetails } : {}),
      assignedTo: input.assignedTo,
      isBookmarked: input.isBookmarked,
    };
    const { data } = await withSentry(auth, ctx, (http) => http.put(`/issues/${input.issueId}/`, { json: body }));
    return toIssue(data);
  },
});
