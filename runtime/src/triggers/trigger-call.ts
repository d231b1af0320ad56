import { type Issue, type ManifestContract, type ManifestTrigger, ValidationError } from '@mova/sdk/host';
import { type Breakers, callOutcome } from '../breaker/breakers.js';
import { BUILTIN_NAMES } from '../builtins/builtins.js';
import type { ConnectionProvider } from '../connections/connections.js';
import type { TokenSet } from '../connections/token-set.js';
import type { TriggerTokens } from '../connections/token-write-back.js';
import { StepError } from '../errors.js';
import { contractOf } from '../executor/contracts.js';
import { toStepError } from '../executor/failure.js';
import type { ConnectorHost, InvokeOptions } from '../host/types.js';
import type { Resolver } from '../sources/resolver.js';
import type { ConnectorPackage } from '../sources/types.js';
import { parseUses } from '../workflow/uses.js';

/** What a trigger call needs of the runtime. */
export interface TriggerContext {
  resolver: Resolver;
  host: ConnectorHost;
  connections: ConnectionProvider;
  defaultTimeoutMs: number;
  /** The runtime's circuit breakers: a trigger's vendor calls go through the same breaker as steps on its connector and connection. */
  breakers?: Breakers;
  /**
   * The runtime's token write-back: a trigger call gets the tokens an earlier call refreshed, and
   * the ones it refreshes are stored and audited as a step's are. Without it, they are not kept.
   */
  tokens?: TriggerTokens;
}

/** What a polling or webhook trigger is given: its input and connection. */
export interface TriggerCallOptions {
  /** The trigger's input, checked against its manifest schema (defaults filled). */
  input?: unknown;
  /** Name of the connection, read from the runtime's connections. */
  connection?: string;
  /** Time budget of one call in ms (default: the runtime's default step timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A trigger resolved and checked, ready to call: the version, its contract, the checked auth and input. */
export interface TriggerCall<T extends ManifestTrigger = ManifestTrigger> {
  target: ConnectorPackage;
  /** `package@version`, as errors and breakers name it. */
  label: string;
  trigger: T;
  contract: ManifestContract;
  auth: unknown;
  input: unknown;
  /** The connection the call goes through, with the auth it was given before the manifest's check (the write-back's chain key). */
  connection?: { name: string; connector: string; auth: Record<string, unknown> };
}

/**
 * Resolves `uses` (`github/issues.opened@^1`) to a connector version, finds its trigger of `kind`
 * and checks the connection and input against the manifest. Rejects with a StepError whose `kind`
 * says what went wrong: a built-in or a bad reference, a missing connector, a missing trigger, an
 * undefined connection or a connection or input the manifest refuses.
 */
export async function prepareTrigger(
  context: TriggerContext,
  uses: string,
  kind: 'polling',
  options: TriggerCallOptions,
): Promise<TriggerCall<ManifestTrigger & Required<Pick<ManifestTrigger, 'dedupe'>>>>;
export async function prepareTrigger(
  context: TriggerContext,
  uses: string,
  kind: 'webhook',
  options: TriggerCallOptions,
): Promise<TriggerCall>;
export async function prepareTrigger(
  context: TriggerContext,
  uses: string,
  kind: ManifestTrigger['kind'],
  options: TriggerCallOptions,
): Promise<TriggerCall> {
  const parsed = parseUses(uses, BUILTIN_NAMES);
  if (!parsed.ok || parsed.ref.kind !== 'connector') {
    const why = parsed.ok ? { message: `"${uses}" is a built-in`, hint: 'Name a connector trigger.' } : parsed;
    throw new StepError({ kind: 'invalid_input', message: why.message, hint: why.hint });
  }
  const ref = parsed.ref;
  const target = await context.resolver
    .resolve(ref.package, ref.range, { signal: options.signal })
    .catch((error: unknown) => {
      throw new StepError(
        {
          kind: 'not_found',
          message: (error as Error).message,
          hint: (error as { hint?: string }).hint ?? 'Install the connector.',
        },
        { cause: error },
      );
    });
  const label = `${target.package}@${target.version}`;
  const trigger = target.manifest.triggers.find((t) => t.key === ref.action);
  // A polling trigger without dedupe could not tell new items from old ones: the manifest build refuses it.
  if (trigger?.kind !== kind || (kind === 'polling' && !trigger.dedupe)) {
    const keys = target.manifest.triggers.filter((t) => t.kind === kind).map((t) => t.key);
    throw new StepError({
      kind: 'invalid_input',
      message: `${label} has no ${kind} trigger "${ref.action}"`,
      hint: keys.length > 0 ? `Its ${kind} triggers: ${keys.join(', ')}.` : `It has no ${kind} triggers.`,
      connector: label,
    });
  }
  const connection = options.connection === undefined ? undefined : await context.connections.get(options.connection);
  if (options.connection !== undefined && !connection) {
    throw new StepError({
      kind: 'auth',
      message: `the connection "${options.connection}" is not defined`,
      hint: 'Define it in the connections file or a MOVA_CONNECTION_<NAME> variable.',
      connector: label,
    });
  }
  const name = options.connection;
  // A poll after a refresh (by a step or an earlier poll of this runtime) gets the refreshed tokens.
  const given =
    connection && name !== undefined && context.tokens
      ? await context.tokens.authOf(name, connection.auth)
      : connection?.auth;
  const contract = contractOf(target.manifest);
  const auth = checked(() => contract.checkAuth(given ?? {}), 'auth', label, trigger.key);
  const input = checked(
    () => contract.checkInput(trigger.key, options.input ?? {}),
    'invalid_input',
    label,
    trigger.key,
  );
  return {
    target,
    label,
    trigger,
    contract,
    auth,
    input,
    ...(connection && name !== undefined && given
      ? { connection: { name, connector: connection.connector, auth: given } }
      : {}),
  };
}

/**
 * Calls the trigger once on the runtime's host with `args` as its input, bounded by the options'
 * signal and time budget; through the connection's circuit breaker when `viaBreaker` (vendor calls).
 * A failure becomes a StepError that names the connector.
 */
export async function invokeTrigger(
  context: TriggerContext,
  call: TriggerCall,
  args: unknown,
  options: TriggerCallOptions,
  how: Pick<InvokeOptions, 'poll' | 'webhook'> & { viaBreaker: boolean },
): Promise<unknown> {
  const { target, label, trigger, connection } = call;
  const { tokens } = context;
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const run = () =>
    context.host.invoke(
      { manifest: target.manifest, bundlePath: target.bundlePath, integrity: target.integrity },
      trigger.key,
      args,
      call.auth,
      {
        signal: controller.signal,
        timeoutMs: options.timeoutMs ?? context.defaultTimeoutMs,
        ...(how.poll === undefined ? {} : { poll: how.poll }),
        ...(how.webhook === undefined ? {} : { webhook: how.webhook }),
        // Stored and audited like a step's (a provider that rotates refresh tokens would refuse the
        // old one at the next poll); the write-back never throws.
        ...(connection && tokens
          ? { onTokens: (refreshed: TokenSet) => tokens.save({ ...connection, trigger: trigger.key }, refreshed) }
          : {}),
      },
    );
  try {
    return await (context.breakers && how.viaBreaker
      ? context.breakers.call(
          label,
          options.connection ?? null,
          (error) => callOutcome(error, controller.signal, trigger.key),
          run,
        )
      : run());
  } catch (error) {
    throw toStepError(error, label);
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}

/** Runs a manifest check of a trigger call; a ValidationError becomes a StepError of `kind` that names the connector and key. */
export function checked<T>(
  check: () => T,
  kind: 'auth' | 'invalid_input' | 'invalid_output',
  label: string,
  key: string,
): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issues: Issue[] = error.issues;
    throw new StepError(
      { kind, message: error.message, hint: error.hint, connector: label, actionKey: key, issues },
      { cause: error },
    );
  }
}
