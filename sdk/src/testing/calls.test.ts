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

describe('runExamples', () => {
  /** A connector whose manifest shows `examples`, answering each action with `answers[key]`. */
  function withExamples(answers: Record<string, unknown>, poll: 'completed' | 'failed' = 'completed') {
    const calls: string[] = [];
    const connector = {
      manifest: {
        actions: [
          { key: 'items.create', examples: [{ title: 'one', input: { name: 'a' }, output: { id: 1, name: 'a' } }] },
          { key: 'items.list', examples: [{ input: {} }, { input: { limit: 1 } }] },
        ],
        triggers: [{ key: 'items.created', examples: [{ input: {} }] }],
      },
      run: async (action: string, input: unknown) => {
        calls.push(`${action} ${JSON.stringify(input)}`);
        return completed(answers[action]);
      },
      poll: async (trigger: string, _input: unknown, options?: { auth?: Record<string, unknown> }) => {
        calls.push(`poll ${trigger} ${JSON.stringify(options)}`);
        return poll === 'completed' ? { status: poll } : { status: poll, error: { kind: 'auth', message: 'expired' } };
      },
    };
    return { connector, calls };
  }

  it('runs every example in the order given, compares the outputs shown, and polls the triggers', async () => {
    const { connector, calls } = withExamples({ 'items.create': { name: 'a', id: 1 }, 'items.list': { items: [] } });
    const { runExamples } = actionCalls({ connector: () => connector, auth: () => ({ token: 't' }) });
    await runExamples(['items.list', 'items.create'], { triggers: true });
    expect(calls).toEqual([
      'items.list {}',
      'items.list {"limit":1}',
      'items.create {"name":"a"}',
      'poll items.created {"auth":{"token":"t"}}',
    ]);
  });

  it('polls no trigger unless asked', async () => {
    const { connector, calls } = withExamples({ 'items.create': { id: 1, name: 'a' } });
    await actionCalls({ connector: () => connector }).runExamples(['items.create', 'items.list']);
    expect(calls.some((call) => call.startsWith('poll'))).toBe(false);
  });

  it('fails on an output other than the example shows', async () => {
    const { connector } = withExamples({ 'items.create': { id: 2, name: 'a' } });
    await expect(
      actionCalls({ connector: () => connector }).runExamples(['items.create', 'items.list']),
    ).rejects.toThrow('items.create: one');
  });

  it('fails on an order that leaves out an action, names another, or names one twice', async () => {
    const { connector, calls } = withExamples({});
    const { runExamples } = actionCalls({ connector: () => connector });
    await expect(runExamples(['items.create'])).rejects.toThrow('not named ["items.list"]');
    await expect(runExamples(['items.create', 'items.list', 'items.delete'])).rejects.toThrow(
      'not actions ["items.delete"]',
    );
    await expect(runExamples(['items.create', 'items.list', 'items.list'])).rejects.toThrow('each action once');
    expect(calls).toEqual([]);
  });

  it('fails on a trigger example whose poll failed', async () => {
    const { connector } = withExamples({ 'items.create': { id: 1, name: 'a' } }, 'failed');
    await expect(
      actionCalls({ connector: () => connector }).runExamples(['items.create', 'items.list'], { triggers: true }),
    ).rejects.toThrow('items.created: : the poll failed; it gave {"kind":"auth","message":"expired"}');
  });
});
