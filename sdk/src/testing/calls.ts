import { AssertionError } from 'node:assert/strict';
import { MovaError } from '../errors.js';
import { assertJsonEqual } from './expect-fields.js';

/**
 * A failed call's error as the runtime records it (`StepErrorInfo` of `@mova/runtime`), restated
 * structurally so the SDK does not depend on the runtime.
 */
export interface CallFailure {
  kind: string;
  message: string;
  code?: string;
  hint?: string;
  status?: number;
  retryAfter?: number;
  actionKey?: string;
}

/** What one conformance call gave: `ConformanceResult` of `@mova/runtime/testing`. */
export interface CallOutcome {
  status: 'completed' | 'failed' | 'cancelled';
  output?: unknown;
  error?: CallFailure;
  connector: string;
  isolation: string;
}

/** An example of an action or trigger as the manifest lists it. */
export interface ManifestExample {
  title?: string;
  input: unknown;
  output?: unknown;
}

/** The part of a manifest {@link ActionCalls.runExamples} reads. */
export interface ExampleManifest {
  actions: { key: string; examples?: ManifestExample[] }[];
  triggers?: { key: string; examples?: ManifestExample[] }[];
}

/** The part of `loadConnector`'s `ConnectorUnderTest` these helpers call. */
export interface CallableConnector {
  run(action: string, input: unknown, options?: { auth?: Record<string, unknown> }): Promise<CallOutcome>;
  /** Needed by `runExamples` only. */
  readonly manifest?: ExampleManifest;
  /** Needed by `runExamples` with `triggers` only. */
  poll?(
    trigger: string,
    input: unknown,
    options?: { auth?: Record<string, unknown> },
  ): Promise<{ status: string; error?: CallFailure }>;
}

/** What {@link ActionCalls.failsWith} expects of the failure; `message` is a part of it or a pattern. */
export interface ExpectedFailure {
  kind?: string;
  code?: string;
  status?: number;
  message?: string | RegExp;
}

/** A conformance call that did not end the way the test said it must. */
export class ConformanceCallError extends MovaError {
  constructor(
    readonly action: string,
    readonly outcome: CallOutcome,
    problem: string,
  ) {
    super(
      'E_CONFORMANCE_CALL',
      `${action}: ${problem}; it gave ${JSON.stringify(outcome.error ?? { status: outcome.status, isolation: outcome.isolation })}`,
      'Read the error the call recorded: it is the step error `mova-connector run` would print.',
    );
  }
}

export interface ActionCallsOptions {
  /** The connector under test; a function, because `beforeAll` loads it after the helpers are made. */
  connector: () => CallableConnector;
  /** The connection every call uses unless it names its own; a function for the same reason. */
  auth?: () => Record<string, unknown> | undefined;
  /** The sandbox every completed call must have run in (default `worker`, what `@mova/*` connectors get). */
  isolation?: string;
  /** Runs after every completed `run`, e.g. to expect that the reference server knew every request. */
  check?: () => void;
}

export interface ActionCalls {
  /** Runs an action; returns its output when it completed in the expected sandbox, else throws with the run's error. */
  run(action: string, input: unknown, auth?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Runs an action and returns its outcome as it is, for a test that expects a failure. */
  call(action: string, input: unknown, auth?: Record<string, unknown>): Promise<CallOutcome>;
  /** Runs an action that must fail with the given kind, code, status or message; returns the failure. */
  failsWith(
    action: string,
    input: unknown,
    expected: ExpectedFailure,
    auth?: Record<string, unknown>,
  ): Promise<CallFailure>;
  /**
   * Runs every example in the manifest, action by action in `order` (which must name every action,
   * so a new one cannot go untested), and expects each output an example shows; with `triggers`,
   * polls every trigger example too and expects it to complete.
   */
  runExamples(order: string[], options?: { triggers?: boolean }): Promise<void>;
}

/**
 * The calls every conformance test makes, bound to its connector and connection.
 *
 * @example
 * let connector: ConnectorUnderTest;
 * let auth: Record<string, unknown>;
 * const { run, failsWith, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
 * await runExamples(['issues.create', 'issues.get'], { triggers: true });
 * expect(await run('issues.get', { key: 'X-1' })).toMatchObject({ key: 'X-1' });
 * await failsWith('issues.get', { key: 'NOPE-1' }, { kind: 'not_found' });
 */
export function actionCalls(options: ActionCallsOptions): ActionCalls {
  const isolation = options.isolation ?? 'worker';
  const call = (action: string, input: unknown, auth = options.auth?.()) =>
    options.connector().run(action, input, auth === undefined ? {} : { auth });
  const run: ActionCalls['run'] = async (action, input, auth) => {
    const outcome = await call(action, input, auth);
    if (outcome.status !== 'completed') throw new ConformanceCallError(action, outcome, `it ${outcome.status}`);
    if (outcome.isolation !== isolation) {
      throw new ConformanceCallError(action, outcome, `it ran in a ${outcome.isolation} sandbox, not ${isolation}`);
    }
    options.check?.();
    return outcome.output as Record<string, unknown>;
  };
  return {
    call,
    run,
    async failsWith(action, input, expected, auth) {
      const outcome = await call(action, input, auth);
      const failure = outcome.error;
      if (outcome.status !== 'failed' || !failure) {
        throw new ConformanceCallError(action, outcome, `expected it to fail, but it ${outcome.status}`);
      }
      const wrong = mismatches(failure, expected);
      if (wrong.length > 0) throw new ConformanceCallError(action, outcome, `expected ${wrong.join(', ')}`);
      return failure;
    },
    async runExamples(order, examples = {}) {
      const connector = options.connector();
      const { manifest } = connector;
      if (!manifest) throw new TypeError('runExamples needs the connector under test, with its manifest');
      const keys = manifest.actions.map((action) => action.key);
      const missing = keys.filter((key) => !order.includes(key));
      const unknown = order.filter((key) => !keys.includes(key));
      if (missing.length > 0 || unknown.length > 0 || new Set(order).size !== order.length) {
        throw new AssertionError({
          message: `the order must name each action once: not named ${JSON.stringify(missing)}, not actions ${JSON.stringify(unknown)}`,
          actual: order,
          expected: keys,
        });
      }
      for (const key of order) {
        const action = manifest.actions.find((entry) => entry.key === key);
        for (const example of action?.examples ?? []) {
          const output = await run(key, example.input);
          if (example.output !== undefined) assertJsonEqual(output, example.output, `${key}: ${example.title ?? ''}`);
        }
      }
      if (!examples.triggers) return;
      for (const trigger of manifest.triggers ?? []) {
        for (const example of trigger.examples ?? []) {
          const auth = options.auth?.();
          const outcome = await connector.poll?.(trigger.key, example.input, auth === undefined ? {} : { auth });
          if (outcome?.status !== 'completed') {
            throw new AssertionError({
              message: `${trigger.key}: ${example.title ?? ''}: the poll ${outcome?.status ?? 'is missing'}; it gave ${JSON.stringify(outcome?.error)}`,
            });
          }
        }
      }
    },
  };
}

/** The expected fields the failure does not have, as `field <expected>`. */
export function mismatches(failure: CallFailure, expected: ExpectedFailure): string[] {
  const wrong: string[] = [];
  for (const field of ['kind', 'code', 'status'] as const) {
    if (expected[field] !== undefined && failure[field] !== expected[field]) {
      wrong.push(`${field} ${JSON.stringify(expected[field])}`);
    }
  }
  const { message } = expected;
  if (message !== undefined) {
    const found = typeof message === 'string' ? failure.message.includes(message) : message.test(failure.message);
    if (!found) wrong.push(`a message with ${String(message)}`);
  }
  return wrong;
}
