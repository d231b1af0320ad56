// The call loop shared by both sandboxes (worker thread and forked process): load one connector
// bundle, then run actions on request. Only serialisable data crosses the boundary.
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { installNetworkGuard } from './guard.mjs';
import { openTunnel } from './tunnel.mjs';

/**
 * `network`: every host this sandbox may reach (it serves one connection). `egress`, in the OS
 * sandbox: the host proxy's unix socket, the only way out of its empty network namespace.
 */
export async function serve({ bundle, network, label, egress }, send, onMessage) {
  const tunnel = egress ? await openTunnel(egress) : undefined;
  installNetworkGuard({ allow: network, label, open: tunnel?.open });
  const running = new Map();
  let calls;
  let connector;
  try {
    connector = (await import(pathToFileURL(bundle).href)).default;
    // The SDK (bundled into the connector) finds the running call's ctx here: see currentActionContext.
    // Once used, an AsyncLocalStorage makes every promise of the thread pay for a hook on Node 20, so
    // only a bundle that names the global gets one; any other is answered from the calls running.
    if ((await readFile(bundle, 'utf8')).includes('mova.actionContext')) calls = new AsyncLocalStorage();
    Object.defineProperty(globalThis, Symbol.for('mova.actionContext'), {
      value: calls ?? { getStore: () => (running.size === 1 ? running.values().next().value.ctx : undefined) },
    });
  } catch (error) {
    send({ type: 'fatal', error: serializeError(error) });
    return;
  }
  const actions = new Map((connector?.actions ?? []).map((a) => [a.key, a]));
  // A polling trigger's poll runs like an action; the host dedupes what it returns.
  const polls = new Map((connector?.triggers ?? []).filter((t) => t.kind === 'polling').map((t) => [t.key, t]));
  // A webhook trigger's methods get their arguments in `input` (auth and ctx added here).
  const hooks = new Map((connector?.triggers ?? []).filter((t) => t.kind === 'webhook').map((t) => [t.key, t]));
  const version = label.slice(label.lastIndexOf('@') + 1);

  onMessage(async (message) => {
    if (message.type === 'abort') {
      running.get(message.id)?.controller.abort(new Error('aborted by the runtime'));
      return;
    }
    if (message.type !== 'invoke') return;
    const { id, key, poll, webhook, maxOutputBytes } = message;
    const controller = new AbortController();
    const call = { controller, ctx: undefined };
    running.set(id, call);
    try {
      const action = webhook ? hooks.get(key) : poll ? polls.get(key) : actions.get(key);
      if (!action) {
        const what = webhook ? 'webhook trigger' : poll ? 'polling trigger' : 'action';
        throw Object.assign(new Error(`${label} has no ${what} "${key}"`), { code: 'E_UNKNOWN_ACTION' });
      }
      const ctx = {
        // Node makes a controller's signal at its first read, for ≈ 2.5 µs of CPU on Node 20 (an
        // abort before then makes it aborted): an action that never reads ctx.signal never pays.
        get signal() {
          return controller.signal;
        },
        connector: { name: connector.name, version },
        actionKey: key,
        log: (level, text, data) => send({ type: 'log', id, level, message: String(text), data }),
        // Only the call's id goes with the tokens: the host writes them to the connection it gave this call.
        tokensRefreshed: async ({ accessToken, refreshToken, expiresAt, scope }) =>
          send({ type: 'tokens', id, tokens: { accessToken, refreshToken, expiresAt, scope } }),
      };
      call.ctx = ctx;
      const output = await (calls
        ? calls.run(ctx, callAction, action, message, ctx)
        : callAction(action, message, ctx));
      send({ type: 'result', id, ok: true, json: outputText(output, label, key, maxOutputBytes) });
    } catch (error) {
      send({ type: 'result', id, ok: false, error: serializeError(error) });
    } finally {
      running.delete(id);
    }
  });
  send({ type: 'ready' });
}

/** Runs the action, poll or webhook method an invoke message asks for. */
function callAction(action, { input, auth, poll, webhook }, ctx) {
  if (webhook) return webhookCall(action, webhook, input, auth, ctx);
  if (poll) return action.poll({ input, auth, ctx, since: poll.since });
  return action.run({ input, auth, ctx });
}

/** A webhook trigger's optional methods answer as if they accepted everything when absent. */
async function webhookCall(trigger, op, args, auth, ctx) {
  if (op === 'subscribe') return trigger.subscribe ? trigger.subscribe({ ...args, auth, ctx }) : {};
  if (op === 'unsubscribe') {
    await trigger.unsubscribe?.({ ...args, auth, ctx });
    return null;
  }
  if (op === 'verify') return trigger.verify ? (await trigger.verify({ ...args, auth })) === true : true;
  if (op === 'parse') return trigger.parse({ ...args });
  throw Object.assign(new Error(`unknown webhook trigger method "${op}"`), { code: 'E_UNKNOWN_ACTION' });
}

/**
 * The output as JSON text, so the host knows its size before it parses anything. Values JSON has no
 * form for (BigInt, cycles) fail the call here instead of breaking the run store later.
 */
function outputText(output, label, key, maxOutputBytes) {
  let json;
  try {
    json = JSON.stringify(output ?? null);
  } catch (error) {
    throw Object.assign(new Error(`${label} action "${key}" returned output that is not JSON: ${error.message}`), {
      code: 'E_OUTPUT',
    });
  }
  // A UTF-8 byte count is at most 3 per UTF-16 unit: a short text needs no count.
  if (maxOutputBytes !== undefined && json.length * 3 > maxOutputBytes && Buffer.byteLength(json) > maxOutputBytes) {
    const bytes = Buffer.byteLength(json);
    throw Object.assign(
      new Error(`${label} action "${key}" returned ${bytes} bytes of output, more than the ${maxOutputBytes} allowed`),
      { code: 'E_OUTPUT_LIMIT' },
    );
  }
  return json;
}

function serializeError(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const out = { name: error.name, message: error.message };
  for (const field of ['code', 'kind', 'status', 'vendorMessage', 'actionKey', 'retryAfter', 'hint']) {
    const value = error[field];
    if (value !== undefined && (typeof value === 'string' || typeof value === 'number')) out[field] = value;
  }
  // fetch and client libraries wrap the socket error; surface a denial wherever it sits in the chain.
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.code === 'E_NETWORK_DENIED') return { ...out, code: 'E_NETWORK_DENIED', message: cause.message };
  }
  return out;
}
