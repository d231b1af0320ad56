import { graphAuth, graphConnectionTest } from '@mova/sdk/microsoft';
import { withGraph } from './client.js';

/**
 * Delegated permissions a signed-in user grants (learn.microsoft.com/graph/permissions-reference);
 * offline_access brings the refresh token.
 */
export const SCOPES = ['offline_access', 'User.Read', 'Mail.ReadWrite', 'Mail.Send', 'Calendars.ReadWrite'];

/**
 * A signed-in user (authorization code, delegated permissions, their own mailbox) or an app
 * registration (client credentials, application permissions, any mailbox named by `mailbox`). The
 * test reads the user (`GET /me`), or for an app gets a token, which proves tenant, client id and secret.
 */
export const auth = graphAuth({
  scopes: SCOPES,
  validate: graphConnectionTest(withGraph),
});
