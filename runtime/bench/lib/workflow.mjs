import { createRuntime, FileRunStore, WorkspaceSource } from '@mova/runtime';
import { SqliteRunStore } from '@mova/runtime/sqlite';
import { MemoryRunStore } from './memory-run-store.mjs';

/**
 * The benchmark's 4-step workflow: a `set`, an `if` branch, and two calls of the no-op connector
 * (one inside the branch), with five JSONata expressions between them.
 */
export const FOUR_STEPS = {
  mova: '1.0',
  name: 'bench-four-steps',
  inputs: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
  steps: [
    { id: 'prepare', set: { n: '{{ inputs.n }}' } },
    {
      id: 'check',
      if: '{{ steps.prepare.output.n > 0 }}',
      // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
      then: [{ id: 'first', uses: 'noop/noop.run@^1', with: { n: '{{ steps.prepare.output.n }}' } }],
    },
    { id: 'second', uses: 'noop/noop.run@^1', with: { n: '{{ steps.check.output.n + 1 }}' } },
  ],
  output: '{{ steps.second.output }}',
};

let stores = 0;

/** The run store a bench variant names: `file`, `sqlite` (each in a folder of its own) or `memory`. */
export function benchStore(workspace, storeKind) {
  if (storeKind === 'file') return new FileRunStore(workspace.dataDir(`file-${++stores}`));
  if (storeKind === 'sqlite') return new SqliteRunStore(`${workspace.dataDir(`sqlite-${++stores}`)}/runs.sqlite`);
  return new MemoryRunStore();
}

/** A runtime over the bench workspace with the store a variant names (see benchStore). */
export function benchRuntime(workspace, storeKind) {
  const store = benchStore(workspace, storeKind);
  return createRuntime({ sources: [new WorkspaceSource(workspace.connectors)], store, env: {} });
}
