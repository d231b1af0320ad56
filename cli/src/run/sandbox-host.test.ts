import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, FileRunStore, type Runtime, type Workflow, WorkspaceSource } from '@mova/runtime';
import { SandboxHost } from '@mova/runtime/sandbox';
import { Auth, buildManifest, defineAction, defineConnector, MANIFEST_FILE, Type } from '@mova/sdk';
import { childPids } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneRunHost, startSpares } from './sandbox-host.js';

const PACKAGE = '@acme/connector-echo';

// A third-party connector, so it runs in a process sandbox: a child of this process, which /proc shows.
const BUNDLE = `export default {
  kind: 'mova.connector', apiVersion: 1, name: 'echo',
  actions: [{ key: 'echo', title: 'echo', input: {}, output: {}, run: async ({ input }) => input }],
  triggers: [],
};
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mova-spares-'));
  const folder = join(dir, 'connectors', 'echo');
  await mkdir(join(folder, 'dist'), { recursive: true });
  await writeFile(join(folder, 'package.json'), JSON.stringify({ name: PACKAGE, version: '1.0.0', type: 'module' }));
  await writeFile(join(folder, 'dist', 'connector.mjs'), BUNDLE);
  const connector = defineConnector({
    name: 'echo',
    title: 'Echo',
    description: 'Answers with its input.',
    categories: [],
    auth: Auth.none(),
    actions: [
      defineAction({
        key: 'echo',
        title: 'Echo',
        input: Type.Object({ text: Type.String() }),
        output: Type.Object({ text: Type.String() }),
        run: async ({ input }) => input,
      }),
    ],
  });
  await writeFile(
    join(folder, MANIFEST_FILE),
    JSON.stringify(buildManifest(connector, { name: PACKAGE, version: '1.0.0' })),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ECHO: Workflow = {
  mova: '1.0',
  name: 'echo',
  steps: [{ id: 'echo', uses: `${PACKAGE}/echo@^1`, with: { text: 'hi' } }],
};

async function withRuntime<T>(host: SandboxHost, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = createRuntime({
    sources: [new WorkspaceSource(join(dir, 'connectors'))],
    store: new FileRunStore(join(dir, 'runs')),
    host,
    connections: { get: async () => undefined },
  });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

describe('sandbox hosts of run and serve', () => {
  it("run's host spawns only the sandbox its connector runs in, no spare after it", async () => {
    await withRuntime(oneRunHost(), async (runtime) => {
      expect(childPids()).toEqual([]);
      const result = await runtime.run(ECHO);
      expect(result).toMatchObject({ status: 'completed', output: { text: 'hi' } });
      // A host with spares starts the next one as soon as this sandbox answers: two children.
      expect(childPids()).toHaveLength(1);
    });
  });

  it('a server starts a spare of the kind its workflows use before the first run, and that run binds it', async () => {
    await withRuntime(new SandboxHost({ osSandbox: 'off' }), async (runtime) => {
      const checked = await runtime.validate(ECHO);
      if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
      const served = { name: 'echo', file: 'echo.json', trigger: 'manual' as const, plan: checked.workflow };
      expect(await startSpares(runtime, [served])).toEqual(['process']);
      const spare = childPids();
      expect(spare).toHaveLength(1);
      await runtime.runValidated(checked.workflow);
      // The run's sandbox is the spare; the one next to it is the spare started after it.
      const after = childPids();
      expect(after).toContain(spare[0]);
      expect(after).toHaveLength(2);
    });
  });
});
