import type { Static, TSchema } from '@sinclair/typebox';
import type { AuthDefinition, AuthValue } from './auth.js';
import type { ActionContext } from './context.js';
import { DefinitionError } from './errors.js';

export interface Example<I, O> {
  title?: string;
  /**
   * The input as a workflow would write it: fields with a `default` may be left out. The types
   * cannot tell which fields have one, so every object field is optional here; `mova-connector
   * build` and `validate` check each example against the input schema and name a missing field.
   */
  input: ExampleInput<I>;
  output?: O;
  /**
   * Connection values the example runs with, where they decide a host: a self-hosted service's URL in
   * a field the manifest lists in `network.connectionHosts`. `validate` warns about a host in the
   * input that neither `network.allow` nor these values allow. Never put secrets here.
   */
  connection?: Record<string, unknown>;
}

/** An example's input: the fields of its objects optional, nested ones too (see {@link Example}). */
export type ExampleInput<I> = I extends readonly unknown[]
  ? I
  : I extends Record<string, unknown>
    ? { [K in keyof I]?: ExampleInput<I[K]> }
    : I;

export interface ActionDefinition<I extends TSchema = TSchema, O extends TSchema = TSchema, A = unknown> {
  /** Dotted camelCase key, unique in its connector: `issues.create`, `chat.postMessage`. */
  key: string;
  title: string;
  description?: string;
  input: I;
  output: O;
  examples?: Example<Static<I>, Static<O>>[];
  /** The connector's auth definition; given so `run` receives a typed connection. */
  auth?: AuthDefinition;
  /**
   * Keys this action was published under before (`issues.get` for an action now `issues.fetch`):
   * `upgrade --write` rewrites workflows that call an old key, and the manifest diff pairs them.
   */
  renamedFrom?: string | string[];
  /**
   * Fields renamed since an earlier version, as dotted paths (`user.login`); keep them declared in
   * later versions, so workflows written against any earlier one are rewritten by `upgrade --write`.
   * Mark a field that is going away with the TypeBox option `deprecated: 'what to use instead'`.
   */
  renamed?: { input?: FieldRename[]; output?: FieldRename[] };
  /**
   * Running the action twice with the same input has the effect of running it once (a read, a PUT,
   * an upsert by key). A durable run whose process died while this action was in flight runs it
   * again on resume; one that is not idempotent (the default) fails with E_OUTCOME_UNKNOWN instead,
   * since the call may or may not have reached the vendor.
   */
  idempotent?: boolean;
  run(args: { input: Static<I>; auth: A; ctx: ActionContext }): Promise<Static<O>>;
}

/** One renamed field: dotted paths from the input's or output's root; only the last name may differ for inputs. */
export interface FieldRename {
  from: string;
  to: string;
}

// biome-ignore lint/suspicious/noExplicitAny: erases the per-action generics so actions of any shape fit one list
export type AnyAction = ActionDefinition<any, any, any>;

/** Defines one action. Input and output are TypeBox schemas; `run` gets typed input without casts. */
export function defineAction<I extends TSchema, O extends TSchema, AD extends AuthDefinition | undefined = undefined>(
  definition: Omit<ActionDefinition<I, O>, 'auth' | 'run'> & {
    auth?: AD;
    run(args: {
      input: Static<I>;
      auth: AD extends AuthDefinition ? AuthValue<AD> : unknown;
      ctx: ActionContext;
    }): Promise<Static<O>>;
  },
): ActionDefinition<I, O, AD extends AuthDefinition ? AuthValue<AD> : unknown> {
  return definition;
}

/** How a polling trigger tells new items from ones it has already emitted. */
export type Dedupe = { by: 'id'; field: string } | { by: 'timestamp'; field: string };

export interface PollingTriggerDefinition<I extends TSchema = TSchema, O extends TSchema = TSchema, A = unknown> {
  kind: 'polling';
  key: string;
  title: string;
  description?: string;
  input: I;
  /** Schema of one emitted item. */
  output: O;
  dedupe: Dedupe;
  /** Emit what the first poll finds, rather than only recording it as already seen. */
  emitOnFirstPoll?: boolean;
  examples?: Example<Static<I>, Static<O>>[];
  auth?: AuthDefinition;
  /** `since` is the newest timestamp seen so far (timestamp dedupe), to filter on the server. */
  poll(args: { input: Static<I>; auth: A; ctx: ActionContext; since?: string }): Promise<Static<O>[]>;
}

export interface WebhookRequest {
  method: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  rawBody: string;
}

export interface WebhookTriggerDefinition<I extends TSchema = TSchema, O extends TSchema = TSchema, A = unknown> {
  kind: 'webhook';
  key: string;
  title: string;
  description?: string;
  input: I;
  output: O;
  examples?: Example<Static<I>, Static<O>>[];
  auth?: AuthDefinition;
  /** Registers `url` with the vendor; returns what `unsubscribe` needs later. */
  subscribe?(args: { input: Static<I>; auth: A; url: string; ctx: ActionContext }): Promise<Record<string, unknown>>;
  unsubscribe?(args: {
    input: Static<I>;
    auth: A;
    subscription: Record<string, unknown>;
    ctx: ActionContext;
  }): Promise<void>;
  /**
   * Rejects a forged delivery (signature check); return false to drop it. `subscription` is what
   * `subscribe` returned (e.g. the signing secret it generated), `{}` without a subscribe.
   */
  verify?(args: {
    request: WebhookRequest;
    auth: A;
    input: Static<I>;
    subscription: Record<string, unknown>;
  }): boolean | Promise<boolean>;
  /** Turns one delivery into the items it carries. */
  parse(args: { request: WebhookRequest; input: Static<I> }): Static<O>[] | Promise<Static<O>[]>;
}

export type TriggerDefinition<I extends TSchema = TSchema, O extends TSchema = TSchema, A = unknown> =
  | PollingTriggerDefinition<I, O, A>
  | WebhookTriggerDefinition<I, O, A>;

// biome-ignore lint/suspicious/noExplicitAny: erases the per-trigger generics
export type AnyTrigger = TriggerDefinition<any, any, any>;

type TriggerRunArgs<AD> = AD extends AuthDefinition ? AuthValue<AD> : unknown;

/** Defines a polling trigger (dedupe by id or by timestamp) or a webhook trigger. */
export function defineTrigger<I extends TSchema, O extends TSchema, AD extends AuthDefinition | undefined = undefined>(
  definition: Omit<PollingTriggerDefinition<I, O, TriggerRunArgs<AD>>, 'auth'> & { auth?: AD },
): PollingTriggerDefinition<I, O, TriggerRunArgs<AD>>;
export function defineTrigger<I extends TSchema, O extends TSchema, AD extends AuthDefinition | undefined = undefined>(
  definition: Omit<WebhookTriggerDefinition<I, O, TriggerRunArgs<AD>>, 'auth'> & { auth?: AD },
): WebhookTriggerDefinition<I, O, TriggerRunArgs<AD>>;
export function defineTrigger(definition: AnyTrigger): AnyTrigger {
  return definition;
}

export interface ConnectorDefinition {
  /** Short kebab-case name: the `github` in `github/issues.create@^2`. */
  name: string;
  title: string;
  description: string;
  categories: string[];
  /** URL, data: URI, or a path inside the package. */
  icon?: string;
  auth: AuthDefinition;
  actions: AnyAction[];
  triggers?: AnyTrigger[];
  network?: NetworkPolicy;
  /** Files the connector opens: the connection fields naming them. None unless declared. */
  fs?: FsPolicy;
}

/**
 * Which files a connector may read and write; the sandbox refuses every other path. Connectors that
 * declare files always run in a process sandbox. `connectionPaths` names connection fields holding an
 * absolute file path (a SQLite database); `siblingSuffixes` are files beside each one the connector
 * may also create and delete (`-journal`, `-wal`).
 */
export interface FsPolicy {
  connectionPaths: string[];
  siblingSuffixes?: string[];
}

/**
 * Where a connector may connect; the sandbox blocks the rest. `allow` lists hosts (`api.github.com`,
 * `*.slack.com` for subdomains, `*` for any: only for generic connectors such as `http`);
 * `connectionHosts` names connection fields holding a host, URL or connection string (databases).
 */
export interface NetworkPolicy {
  allow: string[];
  connectionHosts?: string[];
}

/** What `defineConnector` returns and a bundle's default export holds; recognised by shape, not class. */
export interface Connector extends Required<Omit<ConnectorDefinition, 'icon' | 'fs'>> {
  readonly kind: 'mova.connector';
  readonly apiVersion: 1;
  icon?: string;
  fs?: FsPolicy;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const KEY = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/;

/**
 * Assembles a connector. Checks names, keys and that every action has schemas, so a mistake
 * surfaces at build time with its location.
 */
export function defineConnector(definition: ConnectorDefinition): Connector {
  if (!NAME.test(definition.name)) {
    throw new DefinitionError(
      `connector name "${definition.name}" is not kebab-case`,
      '/name',
      'Use lower-case letters, digits and single hyphens, starting with a letter (e.g. "acme-crm").',
    );
  }
  const seen = new Set<string>();
  const check = (list: (AnyAction | AnyTrigger)[], where: 'actions' | 'triggers') => {
    list.forEach((item, i) => {
      const at = `/${where}/${i}`;
      if (!item || typeof item !== 'object') throw new DefinitionError(`${where}[${i}] is not defined`, at);
      if (!KEY.test(item.key ?? '')) {
        throw new DefinitionError(
          `key "${item.key}" is not a dotted camelCase key`,
          `${at}/key`,
          'Name it like "issues.create" or "chat.postMessage".',
        );
      }
      if (seen.has(item.key)) throw new DefinitionError(`key "${item.key}" is used twice`, `${at}/key`);
      seen.add(item.key);
      const renamedFrom = 'renamedFrom' in item && item.renamedFrom !== undefined ? [item.renamedFrom].flat() : [];
      for (const old of renamedFrom) {
        if (!KEY.test(old)) {
          throw new DefinitionError(`renamedFrom "${old}" is not a dotted camelCase key`, `${at}/renamedFrom`);
        }
      }
      for (const part of ['input', 'output'] as const) {
        if (!item[part] || typeof item[part] !== 'object') {
          throw new DefinitionError(
            `"${item.key}" has no ${part} schema`,
            `${at}/${part}`,
            `Give it \`${part}: Type.Object({ ... })\`.`,
          );
        }
      }
      if (item.auth && item.auth !== definition.auth) {
        throw new DefinitionError(
          `"${item.key}" declares an auth that is not the connector's`,
          `${at}/auth`,
          'Import the auth from src/auth.ts in both the action and the connector.',
        );
      }
    });
  };
  check(definition.actions, 'actions');
  check(definition.triggers ?? [], 'triggers');
  return {
    kind: 'mova.connector',
    apiVersion: 1,
    ...definition,
    triggers: definition.triggers ?? [],
    network: definition.network ?? { allow: [] },
  };
}

/** True for what `defineConnector` made, even from another copy of the SDK (bundles carry their own). */
export function isConnector(value: unknown): value is Connector {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'mova.connector' &&
    Array.isArray((value as { actions?: unknown }).actions)
  );
}
