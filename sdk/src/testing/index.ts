export { AZURITE_ACCOUNT, AZURITE_KEY, type Azurite, type AzuriteOptions, startAzurite } from './azurite.js';
export { type GoogleTokenIssuer, googleTokenIssuer } from './google-token.js';
export {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceRoute,
  type ReferenceServer,
  startReferenceServer,
} from './reference-server.js';
export { startTlsFront, type TlsFront } from './tls-front.js';
