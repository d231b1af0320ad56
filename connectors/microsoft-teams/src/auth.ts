import { graphAuth, graphConnectionTest } from '@mova/sdk/microsoft';
import { withGraph } from './client.js';

/**
 * Delegated permissions a signed-in user grants (learn.microsoft.com/graph/permissions-reference);
 * offline_access brings the refresh token.
 */
export const SCOPES = [
  'offline_access',
  'User.Read',
  'Team.ReadBasic.All',
  'Channel.ReadBasic.All',
  'ChannelMessage.Send',
  'ChannelMessage.Read.All',
  'Chat.ReadWrite',
];

/**
 * A signed-in user (authorization code, delegated permissions) or an app registration (client
 * credentials, application permissions). The test reads the user (`GET /me`), or for an app
 * gets a token, which proves the tenant, client id and secret.
 */
export const auth = graphAuth({
  scopes: SCOPES,
  validate: graphConnectionTest(withGraph),
});
