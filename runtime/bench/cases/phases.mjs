import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileRunStore } from '@mova/runtime';
import { SandboxHost } from '@mova/runtime/sandbox';
import { compileSchema, contractFor, MANIFEST_FILE, validateManifest } from '@mova/sdk';
// Internals, read straight from the build: the bench times them one by one.
import { compileWorkflow } from '../../dist/expressions/compile.js';
import { evaluateValue } from '../../dist/expressions/evaluate.js';
import { schemaIssues } from '../../dist/workflow/schema.js';
import { MemoryRunStore } from '../lib/memory-run-store.mjs';
import { median, sampleLatency } from '../lib/stats.mjs';
import { benchRuntime, FOUR_STEPS } from '../lib/workflow.mjs';

const never = new AbortController().signal;

/**
 * Times, one piece at a time and with the same data, what one run of the 4-step workflow does:
 * validation and its parts, the five expressions, the manifest checks, the store writes and the
 * two dispatches. Medians in µs per run; the pieces are the runtime's own functions.
 */
export async function phases(workspace, budget) {
  const time = async (fn) => median(await sampleLatency(fn, budget));
  const runtime = benchRuntime(workspace, 'memory');
  const manifestText = await readFile(join(workspace.connectors, 'noop', MANIFEST_FILE), 'utf8');
  const out = {};

  out.validate = await time(() => runtime.validate(FOUR_STEPS));
  out.resolve = await time(() => runtime.resolver.resolve('@mova/connector-noop', '^1'));
  out.validateManifest = await time(() => validateManifest(JSON.parse(manifestText)));
  out.workflowSchema = await time(() => schemaIssues(FOUR_STEPS));

  const { templates } = compileWorkflow(FOUR_STEPS);
  const vars = { inputs: { n: 1 }, env: {} };
  const stepOut = { output: { n: 1 }, status: 'completed' };
  const expressions = [
    ['/steps/0/set', FOUR_STEPS.steps[0].set, {}],
    ['/steps/1/if', FOUR_STEPS.steps[1].if, { prepare: stepOut }],
    ['/steps/1/then/0/with', FOUR_STEPS.steps[1].then[0].with, { prepare: stepOut }],
    ['/steps/2/with', FOUR_STEPS.steps[2].with, { prepare: stepOut, check: stepOut }],
    ['/output', FOUR_STEPS.output, { prepare: stepOut, check: stepOut, second: stepOut }],
  ];
  out.expressions = await time(async () => {
    for (const [pointer, value, steps] of expressions)
      await evaluateValue(value, pointer, templates, { ...vars, steps });
  });

  const contract = contractFor(workspace.manifest);
  const checkInputs = compileSchema(FOUR_STEPS.inputs);
  out.checks = await time(() => {
    checkInputs(structuredClone({ n: 1 }));
    for (let call = 0; call < 2; call++) {
      contract.checkAuth({});
      contract.checkInput('noop.run', { n: 1 });
      contract.checkOutput('noop.run', { n: 1 });
    }
  });

  const fileStore = new FileRunStore(workspace.dataDir('phases'));
  const memoryStore = new MemoryRunStore();
  out.fileStore = await time(() => storeWrites(fileStore));
  out.memoryStore = await time(() => storeWrites(memoryStore));
  const finishedRun = await storeWrites(fileStore);
  out.datasync = await time(() => fileStore.updateRun(finishedRun, { endedAt: new Date().toISOString() }));

  const host = new SandboxHost({ isolation: 'worker' });
  const target = { manifest: workspace.manifest, bundlePath: workspace.noopBundle, integrity: 'bench-noop' };
  const dispatch = () => host.invoke(target, 'noop.run', { n: 1 }, {}, { signal: never, timeoutMs: 5000 });
  await dispatch();
  out.dispatch = 2 * (await time(dispatch));

  await Promise.all([host.close(), runtime.close(), fileStore.close()]);
  return out;
}

/**
 * The store calls of one 4-step run, in the executor's order: a run, four steps started and ended,
 * the end. Returns the run's id.
 */
async function storeWrites(store) {
  const runId = randomUUID();
  const owner = { host: 'bench', pid: process.pid, instance: 'bench' };
  const now = () => new Date().toISOString();
  await store.createRun({
    id: runId,
    workflow: FOUR_STEPS.name,
    status: 'running',
    inputs: { n: 1 },
    startedAt: now(),
    owner,
    steps: [],
  });
  for (const [key, pointer, kind] of [
    ['prepare', '/steps/0', 'set'],
    ['check', '/steps/1', 'branch'],
    ['first', '/steps/1/then/0', 'uses'],
    ['second', '/steps/2', 'uses'],
  ]) {
    await store.appendStep(runId, { key, id: key, pointer, kind, status: 'running', attempts: 1, startedAt: now() });
    await store.updateStep(runId, key, {
      status: 'completed',
      attempts: 1,
      endedAt: now(),
      input: kind === 'uses' ? { n: 1 } : undefined,
      output: { n: 1 },
    });
  }
  await store.updateRun(runId, { status: 'completed', endedAt: now(), output: { n: 2 } });
  return runId;
}
