export { AZURITE_ACCOUNT, AZURITE_KEY, type Azurite, type AzuriteOptions, startAzurite } from './azurite.js';
export {
  type ActionCalls,
  type ActionCallsOptions,
  actionCalls,
  type CallableConnector,
  type CallFailure,
  type CallOutcome,
  ConformanceCallError,
  type ExpectedFailure,
} from './calls.js';
export { childPids } from './child-pids.js';
export {
  type ConformanceApi,
  type ConformanceHooks,
  type ConformanceSetup,
  type ConformanceSetupOptions,
  conformanceSetup,
} from './conformance-setup.js';
export { connectorErrorOf } from './connector-error-of.js';
export {
  type GoogleConformanceApi,
  type GoogleConformanceSetupOptions,
  googleConformanceSetup,
} from './google-conformance-setup.js';
export {
  type GoogleReferenceApi,
  type GoogleReferenceApiOptions,
  startGoogleReferenceApi,
} from './google-reference-api.js';
export {
  type GoogleTokenIssuer,
  googleTokenIssuer,
  type TestServiceAccount,
  testServiceAccount,
} from './google-token.js';
export { type LoopbackCertificate, loopbackCertificate } from './loopback-certificate.js';
export { type MultipartPart, multipartParts } from './multipart-parts.js';
export { freePort, type PrivateDaemon, type PrivateDaemonOptions, startPrivateDaemon } from './private-daemon.js';
export {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceRoute,
  type ReferenceServer,
  ReplyError,
  startReferenceServer,
} from './reference-server.js';
export {
  type RestrictedAccess,
  type SqlKitDialect,
  type SqlStatement,
  sqlKitCases,
  type TestRegistrar,
} from './sql-kit-cases.js';
export { startTlsFront, type TlsFront } from './tls-front.js';
