import type { AuthKind, Issue, JsonSchema, ManifestAuth, ManifestExample, NetworkPolicy } from '@mova/sdk';

/** One action as the marketplace shows it: enough to pick it and fill its input. */
export interface ConnectorAction {
  key: string;
  title: string;
  description: string | null;
  input: JsonSchema;
  output: JsonSchema;
  /** The manifest's examples: an input and the output it gives. */
  examples: ManifestExample[];
}

/**
 * What `mova-connector publish` ran before sending a version: its typecheck and tests (all passed,
 * or the publish would have stopped), or nothing with --skip-checks. Recorded by the publisher.
 */
export type PublishChecks =
  | { skipped: true }
  | { skipped: false; typecheck: 'passed' | 'none'; testFiles: number; tests: number };

/** One line of the quality score's breakdown. */
export interface QualityCriterion {
  key: 'descriptions' | 'examples' | 'outputSchemas' | 'readme' | 'tests' | 'authValidate' | 'notDeprecated';
  /** What is asked, e.g. "Actions have descriptions". */
  title: string;
  /** Points earned, a whole number from 0 to `max`. */
  points: number;
  max: number;
  /** What was found, and what to do when points are missing. */
  detail: string;
}

export interface ConnectorTrigger extends ConnectorAction {
  kind: 'polling' | 'webhook';
}

/** One published version of a connector package. */
export interface ConnectorVersion {
  version: string;
  /** When it was published (ISO 8601), from the registry's `time` field. */
  publishedAt: string | null;
  /** The account that published it. */
  publisher: string | null;
  /** The `npm deprecate` message, or null. */
  deprecated: string | null;
  downloads: number;
  /** Whether the tarball carries a manifest that passes `validateManifest` and matches the package. */
  valid: boolean;
  /** Why it is not valid (empty when valid). */
  issues: Issue[];
  title: string | null;
  description: string | null;
  categories: string[];
  authKind: AuthKind | null;
  actions: ConnectorAction[];
  triggers: ConnectorTrigger[];
  sdkVersion: string | null;
}

/** A listed connector package: its latest version's manifest, with every version behind it. */
export interface ConnectorEntry {
  /** npm package name, e.g. `@acme/connector-crm`. */
  name: string;
  /** The connector's own short name from its manifest, e.g. `crm`. */
  connector: string;
  title: string;
  description: string;
  categories: string[];
  authKind: AuthKind;
  /** The latest version's connection: its auth kind and the JSON Schema of the fields it takes. */
  auth: ManifestAuth;
  /**
   * What the latest version may reach: the hosts it declares, and the connection fields whose host it
   * may reach too (a self-hosted server's URL). Nothing else gets out of its sandbox.
   */
  network: NetworkPolicy;
  icon: string | null;
  keywords: string[];
  latestVersion: string;
  /** Who published the latest version. */
  publisher: string | null;
  /** The latest version's deprecation message, or null. */
  deprecated: string | null;
  /** Tarball downloads of every version. */
  downloads: number;
  /** The latest version's quality score, 0 to 100: the sum of `qualityCriteria` points. */
  quality: number;
  qualityCriteria: QualityCriterion[];
  /** What ran when the latest version was published; null when it was not published with `mova-connector publish`. */
  checks: PublishChecks | null;
  actions: ConnectorAction[];
  triggers: ConnectorTrigger[];
  /** Newest first. */
  versions: ConnectorVersion[];
}

/** A search hit: what a results page shows. */
export interface ConnectorSummary {
  name: string;
  title: string;
  description: string;
  latestVersion: string;
  categories: string[];
  authKind: AuthKind;
  icon: string | null;
  actionCount: number;
  publisher: string | null;
  deprecated: string | null;
  downloads: number;
  /** The quality score, 0 to 100 (the entry explains it). */
  quality: number;
  /** Relevance to the query (higher is better); null when there was no query. */
  score: number | null;
}

export interface SearchQuery {
  /** Free text over title, name, description, action titles and keys, and keywords. */
  q?: string;
  category?: string;
  authKind?: string;
  publisher?: string;
  /** 1 to 100; 20 by default. */
  limit?: number;
  offset?: number;
}

export interface SearchResult {
  total: number;
  results: ConnectorSummary[];
}

export interface FacetCount {
  name: string;
  /** Listed connectors that have it. */
  count: number;
}

/** The values the search filters take, over every listed connector, most common first. */
export interface Facets {
  categories: FacetCount[];
  authKinds: FacetCount[];
}
