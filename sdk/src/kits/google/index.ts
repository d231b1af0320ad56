/**
 * `@mova/sdk/google`: what every Google API connector shares. The connection fields (a service
 * account key with optional domain-wide delegation, or OAuth 2.0 user tokens; the API root and
 * token endpoint), the token grants behind google-auth-library's `refreshHandler` (so the token
 * endpoint can be the connection's), and Google's error reasons as ConnectorError kinds. It adds no
 * dependency: the connector brings googleapis / google-auth-library and hands its client in.
 */
export { GOOGLE_TOKEN_URL, type GoogleConnection, googleConnectionFields } from './connection.js';
export { GOOGLE_REASON_KINDS, googleApiFailure, googleErrorMapping } from './errors.js';
export { parseServiceAccountKey, type ServiceAccountKey } from './key.js';
export {
  authorize,
  fetchGoogleToken,
  type GoogleAccessToken,
  type GoogleCredentials,
  type GoogleTokenSource,
  googleCredentialsOf,
  googleTokenSource,
  type RefreshableClient,
} from './token.js';
