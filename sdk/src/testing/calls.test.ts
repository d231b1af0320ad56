import { describe, expect, it } from 'vitest';
import { actionCalls, type CallOutcome, ConformanceCallError } from './calls.js';

const completed = (output: unknown, isolation = 'worker'): CallOutcome => ({
  status: 'completed',
  output,
  connector: '@mova/connector-x@1.0.0',
  isolation,
});
const failed = (error: CallOutcome['error']): CallOutcome => ({
  status: 'failed',
  ...(error ? { error } : {}),
  connector: '@mova/connector-x@1.0.0',
  isolation: 'worker',
});

/** A connector that answers every call with `outcome` and records what it was called with. */
function fake(outcome: CallOutcome) {
  const seen: { action: string; input: unknown; options: unknown }[] = [];
  return {
    seen,
    connector: {
      run: async (action: string, input: unknown, options?: { auth?: Record<string, unknown> }) => {
        seen.push({ action, input, options });
        return outcome;
      },
    },
  };
}

describe('actionCalls', () => {
  it('runs with the default connection or the one given, and returns the output', async () => {
    const { connector, seen } = fake(completed({ id: 7 }));
    let auth: Record<string, unknown> | undefined;
    const { run } = actionCalls({ connector: () => connector, auth: () => auth });
    auth = { token: 't' };
    await expect(run('items.get', { id: 7 })).resolves.toEqual({ id: 7 });
    await run('items.get', { id: 7 }, { token: 'other' });
    expect(seen.map((call) => call.options)).toEqual([{ auth: { token: 't' } }, { auth: { token: 'other' } }]);
  });

  it('calls without a connection when the test has none', async () => {
    const { connector, seen } = fake(completed({}));
    await actionCalls({ connector: () => connector }).run('dates.now', {});
    expect(seen[0]?.options).toEqual({});
  });

  it("throws with the run's error when the call failed", async () => {
    const { connector } = fake(failed({ kind: 'auth', message: 'Bad credentials', status: 401 }));
    const rejection = actionCalls({ connector: () => connector }).run('items.get', {});
    await expect(rejection).rejects.toBeInstanceOf(ConformanceCallError);
    await expect(rejection).rejects.toThrow('items.get: it failed; it gave {"kind":"auth","message":"Bad credentials"');
  });

  it('throws when the call completed in another sandbox than the one expected', async () => {
    const { connector } = fake(completed({}, 'process'));
    await expect(actionCalls({ connector: () => connector }).run('items.get', {})).rejects.toThrow(
      'ran in a process sandbox, not worker',
    );
    await expect(
      actionCalls({ connector: () => connector, isolation: 'process' }).run('items.get', {}),
    ).resolves.toEqual({});
  });

  it('runs the check after every completed call only', async () => {
    let checks = 0;
    const check = () => {
      checks++;
    };
    await actionCalls({ connector: () => fake(completed({})).connector, check }).run('a', {});
    await actionCalls({ connector: () => fake(failed({ kind: 'auth', message: 'x' })).connector, check })
      .run('a', {})
      .catch(() => undefined);
    expect(checks).toBe(1);
  });

  it('call returns the outcome as it is', async () => {
    const outcome = failed({ kind: 'not_found', message: 'No such item' });
    await expect(actionCalls({ connector: () => fake(outcome).connector }).call('items.get', {})).resolves.toBe(
      outcome,
    );
  });
});

describe('failsWith', () => {
  const failure = { kind: 'not_found', code: 'E_CONNECTOR', status: 404, message: 'No item 7 in this workspace' };

  it('returns the failure when kind, code, status and message match', async () => {
    const { failsWith } = actionCalls({ connector: () => fake(failed(failure)).connector });
    await expect(
      failsWith('items.get', {}, { kind: 'not_found', code: 'E_CONNECTOR', status: 404, message: 'No item 7' }),
    ).resolves.toEqual(failure);
    await expect(failsWith('items.get', {}, { message: /item \d+/ })).resolves.toEqual(failure);
  });

  it('throws naming each field that differs', async () => {
    const { failsWith } = actionCalls({ connector: () => fake(failed(failure)).connector });
    await expect(failsWith('items.get', {}, { kind: 'auth', status: 401, message: 'token' })).rejects.toThrow(
      'items.get: expected kind "auth", status 401, a message with token',
    );
  });

  it('throws when the call completed', async () => {
    const { failsWith } = actionCalls({ connector: () => fake(completed({})).connector });
    await expect(failsWith('items.get', {}, { kind: 'not_found' })).rejects.toThrow(
      'expected it to fail, but it completed',
    );
  });
});
