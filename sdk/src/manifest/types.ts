import type { AuthKind, OAuth2Flow } from '../auth.js';
import type { Dedupe, FsPolicy, NetworkPolicy } from '../define.js';
import type { JsonSchema } from '../schema.js';

export const MANIFEST_SCHEMA_ID = 'https://mova.dev/schemas/manifest/v1.json';
export const MANIFEST_FILE = 'mova.manifest.json';

export interface ManifestExample {
  title?: string;
  input: unknown;
  output?: unknown;
  /** Connection values the example runs with (hosts in `network.connectionHosts` fields). */
  connection?: Record<string, unknown>;
}

/** A renamed field of an action's input or output: dotted paths from the root. */
export interface ManifestRename {
  from: string;
  to: string;
}

/** A field marked deprecated (the schema carries `deprecated: true`), and what to use instead. */
export interface ManifestDeprecation {
  field: string;
  message: string;
}

export interface ManifestAction {
  key: string;
  title: string;
  description?: string;
  input: JsonSchema;
  output: JsonSchema;
  examples: ManifestExample[];
  /** Keys the action had in earlier versions: workflows calling them are rewritten by `upgrade --write`. */
  renamedFrom?: string[];
  /** Fields renamed since earlier versions (see `defineAction`'s `renamed`). */
  renamed?: { input?: ManifestRename[]; output?: ManifestRename[] };
  /** Deprecated fields with their messages, from the TypeBox option `deprecated: 'message'`. */
  deprecated?: { input?: ManifestDeprecation[]; output?: ManifestDeprecation[] };
  /** Safe to run again after a crash left its outcome unknown (see `defineAction`'s `idempotent`). */
  idempotent?: boolean;
}

export interface ManifestTrigger extends ManifestAction {
  kind: 'polling' | 'webhook';
  dedupe?: Dedupe;
  /** The first poll emits what it finds instead of only recording it. */
  emitOnFirstPoll?: boolean;
}

export interface ManifestAuth {
  kind: AuthKind;
  schema: JsonSchema;
  /** The connector can test a connection cheaply. */
  validate: boolean;
  in?: 'header' | 'query';
  name?: string;
  prefix?: string;
  flows?: OAuth2Flow[];
  tokenUrl?: string;
  authorizationUrl?: string;
  scopes?: string[];
}

/** The contract of one connector version: what the runtime checks, and what the marketplace and docs show. */
export interface Manifest {
  $schema: typeof MANIFEST_SCHEMA_ID;
  manifestVersion: 1;
  name: string;
  /** npm package that carries this connector. */
  package: string;
  version: string;
  title: string;
  description: string;
  categories: string[];
  icon?: string;
  auth: ManifestAuth;
  actions: ManifestAction[];
  triggers: ManifestTrigger[];
  network: NetworkPolicy;
  /** Files the connector may open, named by connection fields; absent when it opens none. */
  fs?: FsPolicy;
  sdkVersion: string;
}
