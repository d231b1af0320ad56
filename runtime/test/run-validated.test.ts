import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowValidationError } from '../src/errors.js';
import { Resolver } from '../src/sources/resolver.js';
import type { ConnectorSource } from '../src/sources/types.js';
import { WorkspaceSource } from '../src/sources/workspace-source.js';
import { buildFixtureManifests, FIXTURES, testRuntime, workflow } from './helpers.js';

/** The fixture workspace, counting how often the runtime asks it for connectors. */
function countingSource() {
  const inner = new WorkspaceSource(FIXTURES);
  const source: ConnectorSource & { lookups: number } = {
    label: inner.label,
    lookups: 0,
    versions(name) {
      source.lookups++;
      return inner.versions(name);
    },
    fetch(name, version) {
      source.lookups++;
      return inner.fetch(name, version);
    },
  };
  return source;
}

const echoTwice = workflow(
  [
    { id: 'a', uses: 'echo/echo.say@^1', with: { text: '{{ inputs.text }}' } },
    { id: 'b', uses: 'echo/echo.say@^1', with: { text: '{{ steps.a.output.text }}!', times: 2 } },
  ],
  {
    inputs: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
    output: '{{ steps.b.output.text }}',
  },
);

let source: ReturnType<typeof countingSource>;
let t: Awaited<ReturnType<typeof testRuntime>>;

beforeAll(async () => {
  await buildFixtureManifests();
  source = countingSource();
  t = await testRuntime({ resolver: new Resolver([source]) });
});
afterAll(() => t.cleanup());

describe('runValidated', () => {
  it('runs a plan validated once, each run recorded, without asking the sources again', async () => {
    const validation = await t.runtime.validate(echoTwice);
    if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
    const lookups = source.lookups;
    const first = await t.runtime.runValidated(validation.workflow, { text: 'hi' });
    const second = await t.runtime.runValidated(validation.workflow, { text: 'yo' });
    expect([first.output, second.output]).toEqual(['hi! hi!', 'yo! yo!']);
    expect(first.runId).not.toBe(second.runId);
    expect((await t.store.getRun(second.runId))?.steps.map((s) => [s.key, s.status, s.connector])).toEqual([
      ['a', 'completed', '@mova/connector-echo@1.2.0'],
      ['b', 'completed', '@mova/connector-echo@1.2.0'],
    ]);
    expect(source.lookups).toBe(lookups);
  });

  it('checks the inputs of every run before anything is recorded', async () => {
    const validation = await t.runtime.validate(echoTwice);
    if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
    const before = (await t.store.listRuns()).length;
    await expect(t.runtime.runValidated(validation.workflow, { text: 3 })).rejects.toBeInstanceOf(
      WorkflowValidationError,
    );
    expect(await t.store.listRuns()).toHaveLength(before);
  });

  it('stops a running connector action when the run is cancelled', async () => {
    const validation = await t.runtime.validate(
      workflow([{ id: 'slow', uses: 'tools/slow.wait@1', connection: 'tools', with: { ms: 5000 } }], {
        connections: { tools: { connector: 'tools' } },
      }),
    );
    if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const result = await t.runtime.runValidated(validation.workflow, {}, { signal: controller.signal });
    // Sooner than the action's own 5 s: it was stopped, not waited for. No tighter bound, which a
    // loaded machine could stretch.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ status: 'cancelled', error: { kind: 'cancelled', step: 'slow' } });
  });
});
