export {
  type ApiKeyAuth,
  type ApiKeyValue,
  Auth,
  type AuthDefinition,
  type AuthKind,
  type AuthValidator,
  type AuthValue,
  type BasicAuth,
  type BasicValue,
  type BearerAuth,
  type BearerFields,
  type BearerValue,
  type CustomAuth,
  type NoAuth,
  type OAuth2Auth,
  type OAuth2Flow,
  type OAuth2RefreshHook,
  type OAuth2Value,
} from './auth.js';
export { type ErrorBody, refineByBody } from './body-failure.js';
export { type ActionContext, type LogLevel, type RefreshedTokens, standaloneContext } from './context.js';
export { contractFor, type ManifestContract } from './contract.js';
export {
  type ActionDefinition,
  type AnyAction,
  type AnyTrigger,
  type Connector,
  type ConnectorDefinition,
  type Dedupe,
  defineAction,
  defineConnector,
  defineTrigger,
  type Example,
  type FieldRename,
  type FsPolicy,
  isConnector,
  type NetworkPolicy,
  type PollingTriggerDefinition,
  type TriggerDefinition,
  type WebhookRequest,
  type WebhookTriggerDefinition,
} from './define.js';
export { type ErrorMapping, type ErrorMappingOptions, errorMapping, type VendorFailure } from './error-mapping.js';
export {
  ConnectorError,
  type ConnectorErrorDetails,
  type ConnectorErrorKind,
  DefinitionError,
  errorKindForStatus,
  formatIssue,
  type Issue,
  MovaError,
  type MovaErrorCode,
  ValidationError,
} from './errors.js';
export { type HarnessOptions, runAction, runPoll, testConnection } from './harness.js';
export { createHttpClient } from './http/client.js';
export { cookiePairs } from './http/cookie.js';
export { parseLinkHeader, type WebLink } from './http/link-header.js';
export { httpResponseOf } from './http/response-of.js';
export type {
  CursorPagination,
  HttpAuth,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpRequestOptions,
  HttpResponse,
  HttpShorthandOptions,
  LinkPagination,
  PagePagination,
  PaginateOptions,
  PaginationStrategy,
  Query,
  QueryValue,
  ResponseType,
  RetryOptions,
  ThrottleOptions,
} from './http/types.js';
export { relativeLookBack } from './look-back.js';
export { buildManifest, type PackageInfo } from './manifest/build.js';
export { isBumpEnough, predecessorOf, suggestVersion } from './manifest/bump.js';
export {
  type Bump,
  bumpFor,
  type ChangeKind,
  diffManifests,
  type ManifestChange,
  type ManifestDiff,
} from './manifest/diff.js';
export {
  checkExampleHosts,
  hostAllowed,
  isLoopback,
  type SourceHost,
  unallowedHostsInSource,
} from './manifest/network-reach.js';
export {
  MANIFEST_FILE,
  MANIFEST_SCHEMA_ID,
  type Manifest,
  type ManifestAction,
  type ManifestAuth,
  type ManifestDeprecation,
  type ManifestExample,
  type ManifestRename,
  type ManifestTrigger,
} from './manifest/types.js';
export { checkConventions, manifestSchema, validateManifest } from './manifest/validate.js';
export { dedupePoll, type PollState, pollTrigger } from './poll.js';
export { parseRetryAfter } from './retry-after.js';
export { JSON_SCHEMA_2020_12, type JsonSchema, type Static, type TObject, type TSchema, Type } from './schema.js';
export { SERVICE_URL_PATTERN, serviceUrl, serviceUrlOf } from './service-url.js';
export { ensureService, isListening, type ServiceCheck } from './testing/service.js';
export { localServices } from './testing/services.js';
export { compileSchema } from './validator.js';
export { SDK_VERSION } from './version.js';
