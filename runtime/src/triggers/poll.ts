import { dedupePoll, type Issue, type PollState, ValidationError } from '@mova/sdk';
import { type Breakers, callOutcome } from '../breaker/breakers.js';
import { BUILTIN_NAMES } from '../builtins/builtins.js';
import type { ConnectionProvider } from '../connections/connections.js';
import { StepError } from '../errors.js';
import { contractOf } from '../executor/contracts.js';
import { toStepError } from '../executor/failure.js';
import type { ConnectorHost } from '../host/types.js';
import type { Resolver } from '../sources/resolver.js';
import { parseUses } from '../workflow/uses.js';

export interface PollOptions {
  /** The trigger's input, checked against its manifest schema (defaults filled). */
  input?: unknown;
  /** Name of the connection to poll with, read from the runtime's connections. */
  connection?: string;
  /** What the previous poll returned; leave it out on the first poll. */
  state?: PollState;
  /** Time budget of the poll in ms (default: the runtime's default step timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface PollResult {
  /** Items not emitted by an earlier poll, each checked against the trigger's output schema. */
  items: unknown[];
  /** Pass it to the next poll. */
  state: PollState;
  /** `package@version` that ran. */
  connector: string;
  /** Content integrity of the version that ran. */
  integrity: string;
}

export interface PollContext {
  resolver: Resolver;
  host: ConnectorHost;
  connections: ConnectionProvider;
  defaultTimeoutMs: number;
  /** The runtime's circuit breakers: a poll goes through the same breaker as steps on its connector and connection. */
  breakers?: Breakers;
}

/**
 * Runs one poll of a connector's polling trigger (`github/issues.new@^1`) on the runtime's host,
 * with the manifest's checks around it and the trigger's dedupe after it. Rejects with a
 * StepError, whose `kind` says what went wrong.
 */
export async function pollOnce(context: PollContext, uses: string, options: PollOptions = {}): Promise<PollResult> {
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
  if (trigger?.kind !== 'polling' || !trigger.dedupe) {
    const polling = target.manifest.triggers.filter((t) => t.kind === 'polling').map((t) => t.key);
    throw new StepError({
      kind: 'invalid_input',
      message: `${label} has no polling trigger "${ref.action}"`,
      hint: polling.length > 0 ? `Its polling triggers: ${polling.join(', ')}.` : 'It has no polling triggers.',
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
  const contract = contractOf(target.manifest);
  const auth = checked(() => contract.checkAuth(connection?.auth ?? {}), 'auth', label, trigger.key);
  const input = checked(
    () => contract.checkInput(trigger.key, options.input ?? {}),
    'invalid_input',
    label,
    trigger.key,
  );
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  let found: unknown;
  try {
    const invoke = () =>
      context.host.invoke(
        { manifest: target.manifest, bundlePath: target.bundlePath, integrity: target.integrity },
        trigger.key,
        input,
        auth,
        {
          signal: controller.signal,
          timeoutMs: options.timeoutMs ?? context.defaultTimeoutMs,
          poll: options.state?.since === undefined ? {} : { since: options.state.since },
        },
      );
    found = await (context.breakers
      ? context.breakers.call(
          label,
          options.connection ?? null,
          (error) => callOutcome(error, controller.signal, trigger.key),
          invoke,
        )
      : invoke());
  } catch (error) {
    throw toStepError(error, label);
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  if (!Array.isArray(found)) {
    throw new StepError({
      kind: 'invalid_output',
      message: `${label}: the poll of "${trigger.key}" returned ${typeof found}, not a list of items`,
      hint: 'This is a bug in the connector: poll must return an array.',
      connector: label,
      actionKey: trigger.key,
    });
  }
  const items = found.map((item) =>
    checked(() => contract.checkOutput(trigger.key, item), 'invalid_output', label, trigger.key),
  );
  const fresh = dedupePoll(items, { dedupe: trigger.dedupe, emitOnFirstPoll: trigger.emitOnFirstPoll }, options.state);
  return { ...fresh, connector: label, integrity: target.integrity };
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
