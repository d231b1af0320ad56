import { chmod, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { WebhookRequest as DeliveryRequest } from '@mova/sdk';
import { BUILTIN_NAMES } from '../builtins/builtins.js';
import { toStepError } from '../executor/failure.js';
import type { TriggerContext } from '../triggers/trigger-call.js';
import { webhookTrigger } from '../triggers/webhook-trigger.js';
import type { ConnectorTrigger } from '../workflow/types.js';
import { parseUses } from '../workflow/uses.js';
import { type Clock, MAX_TIMER_MS } from './clock.js';
import { StateFile } from './state.js';

/** Where a workflow's webhook-kind connector trigger receives deliveries, under `/hooks/`. */
export function triggerHookPath(workflow: string): string {
  return `triggers/${encodeURIComponent(workflow)}`;
}

/** Whether `uses` names a webhook-kind connector trigger (resolved as steps are); false when it does not resolve. */
export async function isWebhookTrigger(context: Pick<TriggerContext, 'resolver'>, uses: string): Promise<boolean> {
  const parsed = parseUses(uses, BUILTIN_NAMES);
  if (!parsed.ok || parsed.ref.kind !== 'connector') return false;
  const { ref } = parsed;
  const target = await context.resolver.resolve(ref.package, ref.range).catch(() => undefined);
  return target?.manifest.triggers.find((t) => t.key === ref.action)?.kind === 'webhook';
}

/** A delivery as a trigger's `verify` and `parse` see it: lower-case headers, the raw body and its parsed form. */
export function deliveryOf(
  method: string,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  query: Record<string, string> = {},
): DeliveryRequest {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const rawBody = body.toString('utf8');
  const type = (flat['content-type'] ?? '').toLowerCase();
  let parsed: unknown = rawBody;
  if (type.startsWith('application/x-www-form-urlencoded')) parsed = Object.fromEntries(new URLSearchParams(rawBody));
  else if (rawBody.trim() !== '') {
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      // Not JSON: the trigger gets the text as it came.
    }
  }
  return { method, headers: flat, query, body: parsed, rawBody };
}

/** A subscription as kept in `<dataDir>/engine/subscriptions/`: what made it, and what unsubscribing needs. */
export interface SavedSubscription {
  workflow: string;
  uses: string;
  connection?: string;
  input: Record<string, unknown>;
  /** The delivery URL given to the vendor. */
  url: string;
  /** `package@version` that subscribed. */
  connector: string;
  /** What the trigger's `subscribe` returned (ids, the signing secret it generated). */
  subscription: Record<string, unknown>;
  at: string;
}

export interface WebhookTriggerWorkflow {
  name: string;
  trigger: ConnectorTrigger;
}

export interface WebhookTriggersOptions {
  workflows: WebhookTriggerWorkflow[];
  /** The runtime's resolver, host and connections: trigger calls run in the sandbox like steps. */
  context: TriggerContext;
  dataDir: string;
  clock: Clock;
  log: (entry: Record<string, unknown>) => void;
  /** Starts the run of one parsed item; resolves with its id, rejects when refused. */
  start: (workflow: string, item: unknown, actor: string) => Promise<string>;
}

export interface DeliveryResponse {
  status: number;
  body: Record<string, unknown>;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Runs the webhook-kind connector triggers of served workflows (`github/issues.opened@^1`): subscribes
 * each at its hook URL once and keeps the subscription on disk, so a restart reuses it and a changed
 * URL, input or connection subscribes again (after unsubscribing the old one); unsubscribes those of
 * workflows no longer served; verifies and parses deliveries in the sandbox and starts one run per item.
 * A failed subscribe is logged and retried with exponential backoff (1 s up to 5 min); it never throws.
 */
export class WebhookTriggers {
  private readonly byPath = new Map<string, WebhookTriggerWorkflow>();
  private readonly saved = new Map<string, SavedSubscription>();
  private readonly retries = new Map<string, unknown>();
  private stopped = false;

  constructor(private readonly options: WebhookTriggersOptions) {
    for (const workflow of options.workflows) this.byPath.set(triggerHookPath(workflow.name), workflow);
  }

  /** The hook paths served (under `/hooks/`). */
  get paths(): string[] {
    return [...this.byPath.keys()];
  }

  /**
   * Unsubscribes what removed or changed workflows left, then subscribes each workflow at
   * `<publicUrl>/hooks/triggers/<name>` unless it is subscribed there already. Resolves once each
   * workflow was tried once; failures go on in the background.
   */
  async start(publicUrl: string): Promise<void> {
    const base = publicUrl.replace(/\/+$/, '');
    const served = new Map(this.options.workflows.map((w) => [w.name, w]));
    for (const old of await this.readAll()) {
      const workflow = served.get(old.workflow);
      const wanted = workflow && this.wanted(workflow, base);
      if (wanted && sameTarget(old, wanted)) {
        this.saved.set(old.workflow, old);
        this.options.log({ event: 'trigger.subscribed', trigger: 'webhook', workflow: old.workflow, reused: true });
        continue;
      }
      // A removed workflow, or one whose URL, input or connection changed: the old hook must go.
      await this.unsubscribe(old).catch(() => {});
    }
    await Promise.all(
      [...served.values()].filter((w) => !this.saved.has(w.name)).map((w) => this.subscribe(w, base, FIRST_RETRY_MS)),
    );
  }

  /** Stops retrying (subscriptions stay: a restart reuses them). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.retries.values()) this.options.clock.clearTimeout(timer);
    this.retries.clear();
  }

  /** Unsubscribes every saved subscription, served or not (`serve --unsubscribe`); resolves with what failed. */
  async unsubscribeAll(): Promise<{ removed: string[]; failed: { workflow: string; error: string }[] }> {
    const removed: string[] = [];
    const failed: { workflow: string; error: string }[] = [];
    for (const old of await this.readAll()) {
      await this.unsubscribe(old).then(
        () => removed.push(old.workflow),
        (error: unknown) => failed.push({ workflow: old.workflow, error: messageOf(error) }),
      );
    }
    return { removed, failed };
  }

  /** Answers a delivery to one of `paths`: 401 refused by `verify`, 503 not subscribed yet, else 202 with the runs started. */
  async deliver(path: string, request: DeliveryRequest): Promise<DeliveryResponse | undefined> {
    const workflow = this.byPath.get(path);
    if (!workflow) return undefined;
    const saved = this.saved.get(workflow.name);
    if (!saved) {
      return {
        status: 503,
        body: { error: `the trigger of "${workflow.name}" is not subscribed yet; the vendor will retry the delivery` },
      };
    }
    const { trigger } = workflow;
    let delivered: Awaited<ReturnType<typeof webhookTrigger.deliver>>;
    try {
      delivered = await webhookTrigger.deliver(this.options.context, trigger.uses, request, saved.subscription, {
        input: trigger.with ?? {},
        ...(trigger.connection === undefined ? {} : { connection: trigger.connection }),
      });
    } catch (error) {
      const info = toStepError(error).info();
      this.options.log({ event: 'trigger.error', trigger: 'webhook', workflow: workflow.name, error: info.message });
      return { status: 500, body: { error: info.message, ...(info.hint ? { hint: info.hint } : {}) } };
    }
    if (!delivered.verified) {
      this.options.log({ event: 'webhook.refused', path, reason: 'the trigger did not verify the delivery' });
      return { status: 401, body: { error: 'the delivery was not verified (signature)' } };
    }
    const runIds: string[] = [];
    for (const item of delivered.items) {
      await this.options.start(workflow.name, item, `webhook:/hooks/${path}`).then(
        (runId) => runIds.push(runId),
        (error: unknown) =>
          this.options.log({
            event: 'trigger.refused',
            trigger: 'webhook',
            workflow: workflow.name,
            error: messageOf(error),
          }),
      );
    }
    return { status: 202, body: { runIds } };
  }

  private wanted(workflow: WebhookTriggerWorkflow, base: string) {
    const { uses, connection, with: input } = workflow.trigger;
    return {
      uses,
      ...(connection === undefined ? {} : { connection }),
      input: input ?? {},
      url: `${base}/hooks/${triggerHookPath(workflow.name)}`,
    };
  }

  private async subscribe(workflow: WebhookTriggerWorkflow, base: string, delayMs: number): Promise<void> {
    this.retries.delete(workflow.name);
    if (this.stopped) return;
    const wanted = this.wanted(workflow, base);
    try {
      const done = await webhookTrigger.subscribe(this.options.context, wanted.uses, wanted.url, {
        input: wanted.input,
        ...(wanted.connection === undefined ? {} : { connection: wanted.connection }),
      });
      const saved: SavedSubscription = {
        workflow: workflow.name,
        ...wanted,
        connector: done.connector,
        subscription: done.subscription,
        at: new Date(this.options.clock.now()).toISOString(),
      };
      // Saved before it is used: a crash now leaves a subscription the next start finds.
      const file = this.file(workflow.name);
      await file.write(saved);
      // It may hold the signing secret the trigger made: readable by serve's user only.
      await chmod(file.path, 0o600);
      this.saved.set(workflow.name, saved);
      this.options.log({ event: 'trigger.subscribed', trigger: 'webhook', workflow: workflow.name, url: wanted.url });
    } catch (error) {
      const info = toStepError(error).info();
      this.options.log({
        event: 'trigger.error',
        trigger: 'webhook',
        workflow: workflow.name,
        error: `subscribing failed: ${info.message}`,
        ...(info.hint ? { hint: info.hint } : {}),
        retryInMs: delayMs,
      });
      if (this.stopped) return;
      this.retries.set(
        workflow.name,
        this.options.clock.setTimeout(
          () => void this.subscribe(workflow, base, Math.min(delayMs * 2, MAX_RETRY_MS)),
          Math.min(delayMs, MAX_TIMER_MS),
        ),
      );
    }
  }

  private async unsubscribe(old: SavedSubscription): Promise<void> {
    try {
      await webhookTrigger.unsubscribe(this.options.context, old.uses, old.subscription, {
        input: old.input,
        ...(old.connection === undefined ? {} : { connection: old.connection }),
      });
    } catch (error) {
      const info = toStepError(error).info();
      // Kept on disk, so the next start (or serve --unsubscribe) tries again.
      this.options.log({
        event: 'trigger.error',
        trigger: 'webhook',
        workflow: old.workflow,
        error: `unsubscribing ${old.url} failed: ${info.message}`,
        ...(info.hint ? { hint: info.hint } : {}),
      });
      throw error;
    }
    await rm(this.file(old.workflow).path, { force: true });
    this.saved.delete(old.workflow);
    this.options.log({ event: 'trigger.unsubscribed', trigger: 'webhook', workflow: old.workflow, url: old.url });
  }

  private file(workflow: string): StateFile<SavedSubscription> {
    return new StateFile<SavedSubscription>(this.options.dataDir, 'subscriptions', workflow);
  }

  /** Every saved subscription; an unreadable file is skipped (and reported). */
  private async readAll(): Promise<SavedSubscription[]> {
    const dir = join(this.options.dataDir, 'engine', 'subscriptions');
    const names = await readdir(dir).catch(() => []);
    const found: SavedSubscription[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      try {
        const saved = JSON.parse(await readFile(join(dir, name), 'utf8')) as SavedSubscription;
        if (typeof saved.workflow === 'string' && typeof saved.uses === 'string') found.push(saved);
        else throw new Error('not a subscription');
      } catch (error) {
        this.options.log({
          event: 'trigger.error',
          trigger: 'webhook',
          error: `${join(dir, name)} is unreadable (${messageOf(error)}); remove the hook it stood for by hand`,
        });
      }
    }
    return found;
  }
}

function sameTarget(
  old: SavedSubscription,
  wanted: { uses: string; connection?: string; input: unknown; url: string },
) {
  return (
    old.uses === wanted.uses &&
    old.connection === wanted.connection &&
    old.url === wanted.url &&
    canonical(old.input) === canonical(wanted.input)
  );
}

/** JSON with object keys sorted, so the same input written in another order compares equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
