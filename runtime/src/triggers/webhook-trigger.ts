import type { Manifest, WebhookRequest } from '@mova/sdk';
import { callOutcome } from '../breaker/breakers.js';
import { BUILTIN_NAMES } from '../builtins/builtins.js';
import { StepError } from '../errors.js';
import { contractOf } from '../executor/contracts.js';
import { toStepError } from '../executor/failure.js';
import type { WebhookOp } from '../host/types.js';
import { parseUses } from '../workflow/uses.js';
import { checked, type PollContext } from './poll.js';

/** What a webhook-kind connector trigger (`github/issues.opened@^1`) is given: its input and connection. */
export interface WebhookTriggerOptions {
  /** The trigger's input, checked against its manifest schema (defaults filled). */
  input?: unknown;
  /** Name of the connection, read from the runtime's connections. */
  connection?: string;
  /** Time budget of one call in ms (default: the runtime's default step timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The connector version that served a call: `package@version` and its content integrity. */
export interface WebhookTriggerTarget {
  connector: string;
  integrity: string;
}

/**
 * Calls a connector's webhook trigger on the runtime's host (the sandbox by default), with the
 * manifest's checks around it: `subscribe` (registers `url` with the vendor, returns the subscription),
 * `unsubscribe`, `verify` (is a delivery genuine) and `parse` (a delivery's items, each checked against
 * the trigger's output schema). Rejects with a StepError whose `kind` says what went wrong.
 */
export const webhookTrigger = {
  async subscribe(
    context: PollContext,
    uses: string,
    url: string,
    options: WebhookTriggerOptions = {},
  ): Promise<WebhookTriggerTarget & { subscription: Record<string, unknown> }> {
    const call = await prepare(context, uses, options);
    const found = await call.invoke('subscribe', { input: call.input, url });
    if (!found || typeof found !== 'object' || Array.isArray(found)) {
      throw call.bug(`subscribe returned ${Array.isArray(found) ? 'a list' : typeof found}, not an object`);
    }
    return { ...call.target, subscription: found as Record<string, unknown> };
  },

  async unsubscribe(
    context: PollContext,
    uses: string,
    subscription: Record<string, unknown>,
    options: WebhookTriggerOptions = {},
  ): Promise<WebhookTriggerTarget> {
    const call = await prepare(context, uses, options);
    await call.invoke('unsubscribe', { input: call.input, subscription });
    return call.target;
  },

  /** Verifies one delivery (with what `subscribe` returned), then parses it: `verified: false` means it was refused and nothing was parsed. */
  async deliver(
    context: PollContext,
    uses: string,
    request: WebhookRequest,
    subscription: Record<string, unknown>,
    options: WebhookTriggerOptions = {},
  ): Promise<WebhookTriggerTarget & ({ verified: false } | { verified: true; items: unknown[] })> {
    const call = await prepare(context, uses, options);
    const verified = await call.invoke('verify', { request, input: call.input, subscription });
    if (verified !== true) return { ...call.target, verified: false };
    const found = await call.invoke('parse', { request, input: call.input });
    if (!Array.isArray(found)) throw call.bug(`parse returned ${typeof found}, not a list of items`);
    const items = found.map((item) =>
      checked(() => call.contract.checkOutput(call.key, item), 'invalid_output', call.target.connector, call.key),
    );
    return { ...call.target, verified: true, items };
  },
};

/** The webhook trigger keys of a manifest, for hints. */
export function webhookTriggerKeys(manifest: Manifest): string[] {
  return manifest.triggers.filter((t) => t.kind === 'webhook').map((t) => t.key);
}

async function prepare(context: PollContext, uses: string, options: WebhookTriggerOptions) {
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
  if (trigger?.kind !== 'webhook') {
    const keys = webhookTriggerKeys(target.manifest);
    throw new StepError({
      kind: 'invalid_input',
      message: `${label} has no webhook trigger "${ref.action}"`,
      hint: keys.length > 0 ? `Its webhook triggers: ${keys.join(', ')}.` : 'It has no webhook triggers.',
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
  const key = trigger.key;
  const auth = checked(() => contract.checkAuth(connection?.auth ?? {}), 'auth', label, key);
  const input = checked(() => contract.checkInput(key, options.input ?? {}), 'invalid_input', label, key);
  const invoke = async (op: WebhookOp, args: Record<string, unknown>): Promise<unknown> => {
    const controller = new AbortController();
    const abort = () => controller.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    const run = () =>
      context.host.invoke(
        { manifest: target.manifest, bundlePath: target.bundlePath, integrity: target.integrity },
        key,
        args,
        auth,
        { signal: controller.signal, timeoutMs: options.timeoutMs ?? context.defaultTimeoutMs, webhook: op },
      );
    try {
      // Only the vendor calls (subscribe, unsubscribe) count towards the connection's breaker.
      return await (context.breakers && (op === 'subscribe' || op === 'unsubscribe')
        ? context.breakers.call(
            label,
            options.connection ?? null,
            (error) => callOutcome(error, controller.signal, key),
            run,
          )
        : run());
    } catch (error) {
      throw toStepError(error, label);
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
  };
  const bug = (what: string) =>
    new StepError({
      kind: 'invalid_output',
      message: `${label}: the webhook trigger "${key}": ${what}`,
      hint: 'This is a bug in the connector.',
      connector: label,
      actionKey: key,
    });
  return { target: { connector: label, integrity: target.integrity }, key, input, contract, invoke, bug };
}
