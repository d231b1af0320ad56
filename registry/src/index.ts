export type { CreatedAdmin } from './admins.js';
export { defaultDataDir } from './data-dir.js';
export { RegistryError, type RegistryErrorCode } from './errors.js';
export { API_PREFIX } from './marketplace/api.js';
export { type ConnectionSnippet, connectionName, connectionSnippet } from './marketplace/connection-snippet.js';
export { DEFAULT_LIMIT, MAX_LIMIT, type MarketplaceIndex } from './marketplace/marketplace-index.js';
export type {
  ConnectorAction,
  ConnectorEntry,
  ConnectorSummary,
  ConnectorTrigger,
  ConnectorVersion,
  FacetCount,
  Facets,
  PublishChecks,
  QualityCriterion,
  SearchQuery,
  SearchResult,
} from './marketplace/types.js';
export { MOVA_SCOPE, type Registry, type RegistryOptions, startRegistry } from './start-registry.js';
export type { LogLevel } from './verdaccio/config.js';
