import { type ActionContext, standaloneContext } from './context.js';
import { contractFor, unknownKey } from './contract.js';
import type { Connector } from './define.js';
import { MovaError } from './errors.js';
import { buildManifest } from './manifest/build.js';
import type { Manifest } from './manifest/types.js';
import { type PollState, pollTrigger } from './poll.js';

export interface HarnessOptions {
  auth?: unknown;
  /** Package name and version to record; tests rarely care. */
  package?: { name: string; version: string };
  signal?: AbortSignal;
  log?: ActionContext['log'];
}

const manifests = new WeakMap<Connector, Manifest>();

function manifestOf(connector: Connector, options: HarnessOptions): Manifest {
  let manifest = manifests.get(connector);
  if (!manifest) {
    manifest = buildManifest(
      connector,
      options.package ?? { name: `@mova/connector-${connector.name}`, version: '0.0.0' },
    );
    manifests.set(connector, manifest);
  }
  return manifest;
}

/**
 * Runs one action the way the runtime will: the connection, the input and the output are checked
 * against the manifest's schemas, so a test proves the schemas and the code agree.
 * @example
 * const out = await runAction(connector, 'issues.create', { owner: 'o', repo: 'r', title: 't' }, { auth: { token } });
 */
export async function runAction(
  connector: Connector,
  key: string,
  input: unknown,
  options: HarnessOptions = {},
): Promise<unknown> {
  const manifest = manifestOf(connector, options);
  const contract = contractFor(manifest);
  const action = connector.actions.find((a) => a.key === key);
  if (!action) throw unknownKey(manifest, key);
  const auth = contract.checkAuth(options.auth ?? {});
  const checkedInput = contract.checkInput(key, input);
  const ctx = standaloneContext({ name: manifest.name, version: manifest.version }, key, options);
  const output = await action.run({ input: checkedInput, auth, ctx });
  return contract.checkOutput(key, output);
}

/** Runs one poll of a polling trigger with its dedupe, checking input and items against the manifest. */
export async function runPoll(
  connector: Connector,
  key: string,
  input: unknown,
  options: HarnessOptions & { state?: PollState } = {},
): Promise<{ items: unknown[]; state: PollState }> {
  const manifest = manifestOf(connector, options);
  const contract = contractFor(manifest);
  const trigger = connector.triggers.find((t) => t.key === key);
  if (trigger?.kind !== 'polling') {
    throw new MovaError('E_UNKNOWN_TRIGGER', `${connector.name} has no polling trigger "${key}"`);
  }
  const auth = contract.checkAuth(options.auth ?? {});
  const checkedInput = contract.checkInput(key, input);
  const ctx = standaloneContext({ name: manifest.name, version: manifest.version }, key, options);
  const result = await pollTrigger(trigger, { input: checkedInput, auth, ctx, state: options.state });
  return { items: result.items.map((item) => contract.checkOutput(key, item)), state: result.state };
}

/** Checks a connection's fields, then runs the connector's `validate` call if it has one. */
export async function testConnection(connector: Connector, auth: unknown, options: HarnessOptions = {}): Promise<void> {
  const contract = contractFor(manifestOf(connector, options));
  const checked = contract.checkAuth(auth);
  await connector.auth.validate?.(checked as never);
}
