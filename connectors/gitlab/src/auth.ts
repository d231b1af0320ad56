import { Users } from '@gitbeaker/rest';
import { Auth } from '@mova/sdk';
import { withGitlab } from './client.js';
import { connectionFields } from './connection.js';

/**
 * A GitLab access token: a personal, project or group access token (PRIVATE-TOKEN header) or an
 * OAuth 2.0 access token of a GitLab application (Authorization: Bearer). `GET /user` answers for
 * any valid token with the read_user or api scope, so it proves the URL and the token.
 */
export const auth = Auth.bearer({
  description:
    'GitLab access token: a personal, project or group access token (glpat-…) with the api scope, or an OAuth 2.0 access token',
  fields: connectionFields,
  validate: async (connection) => {
    await withGitlab(connection, undefined, Users, (users) => users.showCurrentUser());
  },
});
