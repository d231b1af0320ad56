import type { Manifest, WebhookRequest } from '@mova/sdk';
import { StepError } from '../errors.js';
import type { WebhookOp } from '../host/types.js';
import {
  checked,
  invokeTrigger,
  prepareTrigger,
  type TriggerCallOptions,
  type TriggerContext,
} from './trigger-call.js';

/** What a webhook-kind connector trigger (`github/issues.opened@^1`) is given: its input and connection. */
export type WebhookTriggerOptions = TriggerCallOptions;

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
    context: TriggerContext,
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
    context: TriggerContext,
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
    context: TriggerContext,
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

async function prepare(context: TriggerContext, uses: string, options: WebhookTriggerOptions) {
  const call = await prepareTrigger(context, uses, 'webhook', options);
  const { label, contract, input } = call;
  const key = call.trigger.key;
  // Only the vendor calls (subscribe, unsubscribe) count towards the connection's breaker.
  const invoke = (op: WebhookOp, args: Record<string, unknown>): Promise<unknown> =>
    invokeTrigger(context, call, args, options, {
      webhook: op,
      viaBreaker: op === 'subscribe' || op === 'unsubscribe',
    });
  const bug = (what: string) =>
    new StepError({
      kind: 'invalid_output',
      message: `${label}: the webhook trigger "${key}": ${what}`,
      hint: 'This is a bug in the connector.',
      connector: label,
      actionKey: key,
    });
  return { target: { connector: label, integrity: call.target.integrity }, key, input, contract, invoke, bug };
}
