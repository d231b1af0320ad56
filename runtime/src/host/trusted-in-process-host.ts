import { pathToFileURL } from 'node:url';
import {
  type ActionContext,
  type Connector,
  isConnector,
  standaloneContext,
  type WebhookTriggerDefinition,
} from '@mova/sdk/host';
import { StepError } from '../errors.js';
import type { ConnectorHost, ConnectorTarget, InvokeOptions, WebhookOp } from './types.js';

/**
 * Runs connector code inside the runtime's own process, with the runtime's permissions. Use it
 * only for connectors you trust (your own workspace, tests): there is no isolation, and an action
 * that ignores its abort signal keeps running after its step timed out (the step still fails on
 * time). The sandbox host replaces it for everything else.
 */
export class TrustedInProcessHost implements ConnectorHost {
  private readonly loaded = new Map<string, Promise<Connector>>();

  async invoke(
    target: ConnectorTarget,
    actionKey: string,
    input: unknown,
    auth: unknown,
    options: InvokeOptions,
  ): Promise<unknown> {
    const connector = await this.load(target);
    const ctx = standaloneContext({ name: target.manifest.name, version: target.manifest.version }, actionKey, {
      signal: options.signal,
      log: options.log ?? (() => {}),
    });
    if (options.webhook) {
      const trigger = connector.triggers.find((t) => t.key === actionKey);
      if (trigger?.kind !== 'webhook') throw missing(target, `webhook trigger "${actionKey}"`);
      return callWebhook(trigger, options.webhook, input, auth, ctx);
    }
    if (options.poll) {
      const trigger = connector.triggers.find((t) => t.key === actionKey);
      if (trigger?.kind !== 'polling') throw missing(target, `polling trigger "${actionKey}"`);
      return trigger.poll({ input, auth, ctx, since: options.poll.since });
    }
    const action = connector.actions.find((a) => a.key === actionKey);
    if (!action) throw missing(target, `action "${actionKey}"`);
    return action.run({ input, auth, ctx });
  }

  async close(): Promise<void> {
    this.loaded.clear();
  }

  /** Imports each bundle once per integrity, so two versions load as two separate modules. */
  private load(target: ConnectorTarget): Promise<Connector> {
    let loading = this.loaded.get(target.integrity);
    if (!loading) {
      loading = importConnector(target);
      this.loaded.set(target.integrity, loading);
      loading.catch(() => this.loaded.delete(target.integrity));
    }
    return loading;
  }
}

async function importConnector(target: ConnectorTarget): Promise<Connector> {
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(target.bundlePath).href);
  } catch (error) {
    throw new StepError(
      {
        kind: 'unknown',
        message: `${label(target)}: loading ${target.bundlePath} failed: ${(error as Error).message}`,
        hint: 'Rebuild the connector; the bundle must load on its own.',
      },
      { cause: error },
    );
  }
  if (!isConnector(mod.default)) {
    throw new StepError({
      kind: 'unknown',
      message: `${label(target)}: ${target.bundlePath} does not default-export a connector`,
      hint: 'Rebuild the connector; its src/index.ts must end with `export default defineConnector({...})`.',
    });
  }
  return mod.default;
}

/** As the sandbox entry does: `args` are the method's arguments; absent optional methods accept everything. */
async function callWebhook(
  trigger: WebhookTriggerDefinition,
  op: WebhookOp,
  args: unknown,
  auth: unknown,
  ctx: ActionContext,
): Promise<unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: the arguments crossed a JSON boundary; the caller built them for this method
  const a = args as any;
  if (op === 'subscribe') return trigger.subscribe ? trigger.subscribe({ ...a, auth, ctx }) : {};
  if (op === 'unsubscribe') {
    await trigger.unsubscribe?.({ ...a, auth, ctx });
    return null;
  }
  if (op === 'verify') return trigger.verify ? (await trigger.verify({ ...a, auth })) === true : true;
  return trigger.parse({ ...a });
}

function missing(target: ConnectorTarget, what: string): StepError {
  return new StepError({
    kind: 'invalid_output',
    message: `${label(target)}: the bundle has no ${what} although its manifest lists it`,
    hint: 'The manifest and the bundle disagree: rebuild the connector.',
  });
}

function label(target: ConnectorTarget): string {
  return `${target.manifest.package}@${target.manifest.version}`;
}
