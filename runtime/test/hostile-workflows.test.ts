import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxHost } from '../src/sandbox/host.js';
import { buildFixtureManifests, testRuntime, workflow } from './helpers.js';

// Hostile third-party connectors, run through whole workflows on the default sandbox: each
// misbehaviour fails only its own step (caught here), and the next step of the same connector runs.
let t: Awaited<ReturnType<typeof testRuntime>>;
let server: Server;
let port: number;
const SECRET = 'env-secret-that-must-not-leak';

beforeAll(async () => {
  await buildFixtureManifests();
  process.env.MOVA_TEST_HOSTILE_SECRET = SECRET;
  t = await testRuntime({ host: new SandboxHost({ memoryMb: 64, abortGraceMs: 200 }) });
  server = createServer((_req, res) => res.end('reached'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  delete process.env.MOVA_TEST_HOSTILE_SECRET;
  await t.cleanup();
  await new Promise((resolve) => server.close(resolve));
});

// `timeout` bounds the step; filling a 64 MiB heap can take longer than 1s on a loaded machine.
async function misbehave(action: string, value = '', timeout = '1s') {
  const result = await t.runtime.run(
    workflow(
      [
        {
          id: 'bad',
          try: [{ id: 'attempt', uses: `@acme/connector-hostile/${action}@^1`, with: { value }, timeout }],
          catch: { as: 'error', do: [{ id: 'caught', set: '{{ error }}' }] },
        },
        { id: 'after', uses: '@acme/connector-hostile/echo@^1', with: { value: 'still serving' } },
      ],
      { output: '{{ { "bad": steps.bad.output, "after": steps.after.output } }}' },
    ),
  );
  expect(result.status).toBe('completed');
  expect(result.output).toMatchObject({ after: { echoed: 'still serving' } });
  return (result.output as { bad: { kind: string; message: string; connector?: string } }).bad;
}

describe('a hostile connector fails only its own step', () => {
  it('hangs: killed at its timeout', async () => {
    expect(await misbehave('hang')).toMatchObject({
      kind: 'timeout',
      message: 'step "attempt" timed out after 1s',
      pointer: '/steps/0/try/0/timeout',
    });
  });

  it('spins in a busy loop: its sandbox is killed at the timeout', async () => {
    expect(await misbehave('spin')).toMatchObject({ kind: 'timeout' });
  });

  it('exhausts memory', async () => {
    const error = await misbehave('oom', '', '20s');
    expect(error).toMatchObject({ kind: 'limit' });
    expect(error.message).toContain('ran out of memory (limit 64 MiB)');
  }, 30_000);

  it('calls process.exit', async () => {
    expect((await misbehave('exit')).message).toContain('it exited with code 7');
  });

  it('reads a file outside its folder', async () => {
    expect((await misbehave('readOutside')).message).toMatch(/threw: Access to this API has been restricted/);
  });

  it('spawns a process', async () => {
    expect((await misbehave('spawn')).message).toMatch(/threw: Access to this API has been restricted/);
  });

  it('reaches an undeclared host', async () => {
    const error = await misbehave('fetch', `http://127.0.0.1:${port}/`);
    expect(error).toMatchObject({ kind: 'forbidden' });
    expect(error.message).toContain(`may not connect to 127.0.0.1:${port}`);
  });

  it('reads process.env: it is empty, secrets never travel through it', async () => {
    const result = await t.runtime.run(
      workflow([{ id: 'env', uses: '@acme/connector-hostile/env@^1', with: {} }], { output: '{{ steps.env.output }}' }),
    );
    expect(result).toMatchObject({ status: 'completed', output: { env: {} } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});
