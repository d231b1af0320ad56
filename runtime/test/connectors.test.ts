import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionsFrom, envConnections } from '../src/connections/connections.js';
import { WorkflowValidationError } from '../src/errors.js';
import type { RunEvent } from '../src/events.js';
import { buildFixtureManifests, testRuntime, workflow } from './helpers.js';

const SECRET = 'tok-very-secret-123';
const tools = { tools: { connector: 'tools' } };

let t: Awaited<ReturnType<typeof testRuntime>>;

beforeAll(async () => {
  await buildFixtureManifests();
  t = await testRuntime();
});
afterAll(() => t.cleanup());

describe('connector steps', () => {
  it('runs an action with input checked and defaults filled from the manifest', async () => {
    const result = await t.runtime.run(
      workflow([{ id: 'say', uses: 'echo/echo.say@^1', with: { text: '{{ inputs.word }}' } }]),
      { word: 'hi' },
    );
    expect(result).toMatchObject({ status: 'completed', output: { text: 'hi', version: '1.2.0' } });
    const run = await t.store.getRun(result.runId);
    expect(run?.steps[0]).toMatchObject({
      kind: 'uses',
      status: 'completed',
      connector: '@mova/connector-echo@1.2.0',
      input: { text: 'hi', times: 1 },
      output: { text: 'hi', version: '1.2.0' },
    });
  });

  it('runs two versions of one connector side by side in one workflow', async () => {
    const result = await t.runtime.run(
      workflow(
        [
          { id: 'v1', uses: 'echo/echo.say@~1.0', with: { text: 'a' } },
          { id: 'v12', uses: 'echo/echo.say@^1', with: { text: 'b' } },
          { id: 'v2', uses: 'echo/echo.say@^2', with: { text: 'c', times: 2 } },
        ],
        { output: '{{ [steps.v1.output.version, steps.v12.output.version, steps.v2.output.version] }}' },
      ),
    );
    expect(result.output).toEqual(['1.0.0', '1.2.0', '2.0.0']);
    const run = await t.store.getRun(result.runId);
    expect(run?.steps.map((s) => s.connector)).toEqual([
      '@mova/connector-echo@1.0.0',
      '@mova/connector-echo@1.2.0',
      '@mova/connector-echo@2.0.0',
    ]);
  });

  it('runs a third-party scoped connector', async () => {
    const result = await t.runtime.run(
      workflow([{ id: 'n', uses: '@acme/connector-widgets/widgets.count@^0.3', with: { items: ['a', 'b'] } }]),
    );
    expect(result.output).toEqual({ count: 2 });
  });

  it('fails the step on input that breaks the manifest, naming the version and the field', async () => {
    const result = await t.runtime.run(
      workflow([{ id: 'say', uses: 'echo/echo.say@^1', with: { text: '{{ inputs.word }}' } }]),
      { word: '' },
    );
    expect(result.error).toMatchObject({
      kind: 'invalid_input',
      step: 'say',
      pointer: '/steps/0/with/text',
      connector: '@mova/connector-echo@1.2.0',
    });
    expect(result.error?.message).toContain('@mova/connector-echo@1.2.0: invalid input for "echo.say": /input/text');
  });

  it('fails the step on output that breaks the manifest, naming the version and the field', async () => {
    const result = await t.runtime.run(workflow([{ id: 'bad', uses: 'echo/echo.badOutput@2', with: {} }]));
    expect(result.error).toMatchObject({
      kind: 'invalid_output',
      step: 'bad',
      connector: '@mova/connector-echo@2.0.0',
    });
    expect(result.error?.message).toContain(
      '@mova/connector-echo@2.0.0: "echo.badOutput" returned output that breaks its schema: /output/text',
    );
  });

  it('turns a plain exception from a connector into an unknown failure that names it', async () => {
    const result = await t.runtime.run(
      workflow([{ id: 'c', uses: 'tools/crash.now@1', with: {}, connection: 'tools' }], { connections: tools }),
    );
    expect(result.error).toMatchObject({ kind: 'unknown', connector: '@mova/connector-tools@1.0.0' });
    expect(result.error?.message).toBe('@mova/connector-tools@1.0.0 threw: cannot read properties of undefined');
  });

  it('keeps a ConnectorError kind, status and action key', async () => {
    const result = await t.runtime.run(
      workflow(
        [
          {
            id: 'f',
            uses: 'tools/flaky.call@1',
            with: { id: `nf-${Date.now()}`, failures: 1, kind: 'not_found' },
            connection: 'tools',
          },
        ],
        { connections: tools },
      ),
    );
    expect(result.error).toMatchObject({ kind: 'not_found', status: 404, actionKey: 'flaky.call' });
  });
});

describe('connections and secrets', () => {
  it('hands the connection to the action and redacts its values from the store and events', async () => {
    const events: RunEvent[] = [];
    const result = await t.runtime.run(
      workflow([{ id: 'reveal', uses: 'tools/secret.reveal@^1', with: {}, connection: 'tools' }], {
        connections: tools,
      }),
      {},
      { onEvent: (e) => events.push(e) },
    );
    // The caller gets what the workflow computed; everything kept or broadcast is redacted.
    expect(result.output).toEqual({ token: SECRET, note: `the token is ${SECRET}` });
    const run = await t.store.getRun(result.runId);
    expect(run?.output).toEqual({ token: '[redacted]', note: 'the token is [redacted]' });
    expect(run?.steps[0]?.output).toEqual({ token: '[redacted]', note: 'the token is [redacted]' });
    expect(JSON.stringify(run)).not.toContain(SECRET);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect(events.find((e) => e.type === 'step.log')).toMatchObject({
      level: 'info',
      message: 'using token [redacted]',
    });
  });

  it('reads a connection from MOVA_CONNECTION_<NAME>', async () => {
    const envRuntime = await testRuntime({
      connections: envConnections({
        MOVA_CONNECTION_TOOLS: JSON.stringify({ connector: 'tools', auth: { token: 'env-token-xyz' } }),
      }),
    });
    const result = await envRuntime.runtime.run(
      workflow([{ id: 'reveal', uses: 'tools/secret.reveal@^1', connection: 'tools' }], { connections: tools }),
    );
    await envRuntime.cleanup();
    expect(result.output).toMatchObject({ token: 'env-token-xyz' });
  });

  it('refuses to start when a connection is missing or does not fit, and records no run', async () => {
    const bare = await testRuntime({
      connections: connectionsFrom({ tools: { connector: 'tools', auth: { token: '' } } }),
    });
    const before = await bare.store.listRuns();
    const wf = workflow([{ id: 'reveal', uses: 'tools/secret.reveal@^1', connection: 'tools' }], {
      connections: tools,
    });
    const error = await bare.runtime.run(wf).catch((e) => e);
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect(error.issues).toEqual([
      expect.objectContaining({
        pointer: '/connections/tools',
        message: expect.stringContaining(
          'does not fit @mova/connector-tools@1.0.0: the connection is invalid: /auth/token',
        ),
      }),
    ]);
    const missing = await testRuntime({ connections: connectionsFrom({}) });
    const error2 = await missing.runtime.run(wf).catch((e) => e);
    expect(error2.issues[0]).toMatchObject({
      pointer: '/connections/tools',
      message: 'the connection "tools" is not configured',
      hint: expect.stringContaining('MOVA_CONNECTION_TOOLS'),
    });
    expect(await bare.store.listRuns()).toEqual(before);
    await bare.cleanup();
    await missing.cleanup();
  });
});

describe('events', () => {
  it('reports run and step progress in order', async () => {
    const events: RunEvent[] = [];
    const result = await t.runtime.run(
      workflow([
        { id: 'a', set: 1 },
        { id: 'b', if: '{{ false }}', set: 2 },
        { id: 'c', uses: 'echo/echo.say@^1', with: { text: 'x' } },
      ]),
      {},
      { onEvent: (e) => events.push(e) },
    );
    expect(events.map((e) => (e.type.startsWith('step.') && 'step' in e ? `${e.type}:${e.step.key}` : e.type))).toEqual(
      [
        'run.started',
        'step.started:a',
        'step.completed:a',
        'step.skipped:b',
        'step.started:c',
        'step.completed:c',
        'run.finished',
      ],
    );
    expect(events.every((e) => e.runId === result.runId)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'completed' });
  });

  it('ignores a listener that throws', async () => {
    const result = await t.runtime.run(
      workflow([{ id: 'a', set: 1 }]),
      {},
      {
        onEvent: () => {
          throw new Error('listener bug');
        },
      },
    );
    expect(result.status).toBe('completed');
  });
});
