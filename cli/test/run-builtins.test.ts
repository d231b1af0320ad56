import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BIN, type CliResult, cli } from './cli.js';

// Built-in steps only (set, if, repeat, fail), so these need no connector and no service.
const HELLO = {
  mova: '1.0',
  name: 'hello',
  env: ['MOVA_TEST_GREETING'],
  inputs: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      count: { type: 'integer', default: 2 },
      loud: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['name'],
  },
  steps: [
    { id: 'greet', set: '{{ env.MOVA_TEST_GREETING }} {{ inputs.name }}' },
    {
      id: 'shout',
      if: '{{ inputs.loud = true }}',
      // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
      then: [{ id: 'upper', set: '{{ $uppercase(steps.greet.output) }}' }],
      else: [{ id: 'lower', set: '{{ steps.greet.output }}' }],
    },
    {
      id: 'each',
      repeat: { for_each: '{{ [1..inputs.count] }}', as: 'n' },
      do: [{ id: 'line', set: '{{ n }}: {{ steps.shout.output }}' }],
    },
  ],
  output: { lines: '{{ steps.each.output }}', tags: '{{ inputs.tags }}' },
};

const WAITS = {
  mova: '1.0',
  name: 'waits',
  inputs: { type: 'object' },
  steps: [
    { id: 'first', set: 1 },
    { id: 'nap', wait: { duration: '60s' } },
  ],
};

// http_fetch of a URL given as an input, so the port of the local test server can be passed in.
const FETCH = {
  mova: '1.0',
  name: 'fetches',
  inputs: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
  steps: [{ id: 'get', uses: 'http_fetch', with: { url: '{{ inputs.url }}' } }],
  output: '{{ steps.get.output.body }}',
};

const FAILING = {
  mova: '1.0',
  name: 'gives-up',
  inputs: { type: 'object', properties: { name: { type: 'string' } } },
  steps: [
    { id: 'first', set: 1 },
    {
      id: 'flaky',
      fail: { message: 'service down for {{ inputs.name }}', kind: 'transient' },
      retry: { attempts: 2, delay: '10ms', jitter: false },
    },
    { id: 'never', set: 2 },
  ],
};

/** The env a run gets: its own data dir, no run store or connections from the developer's shell. */
function envFor(dataDir: string): Record<string, string | undefined> {
  return { MOVA_DATA_DIR: dataDir, MOVA_RUN_STORE: undefined, MOVA_TEST_GREETING: 'Hello' };
}

/** The workflow output `run` printed after "Output: ". */
function outputOf(result: CliResult): unknown {
  const at = result.stdout.indexOf('Output: ');
  return at < 0 ? `no output in: ${result.stdout}` : JSON.parse(result.stdout.slice(at + 'Output: '.length));
}

/** The run id from `run`'s closing line. */
function runIdOf(result: CliResult): string {
  return /^Run ([0-9a-f-]{36}) /m.exec(result.stdout)?.[1] ?? `no run id in: ${result.stdout}`;
}

// Each case has a data dir of its own. They run one after another: each spawns CLI processes, and
// the other end-to-end suites (npm installs, vitest) need the cores more.
describe('mova-connector run with built-in steps', () => {
  let root: string;
  let hello: string;
  let failing: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-e2e-run-'));
    hello = join(root, 'hello.json');
    failing = join(root, 'gives-up.json');
    await writeFile(hello, JSON.stringify(HELLO, null, 2));
    await writeFile(failing, JSON.stringify(FAILING, null, 2));
    await writeFile(join(root, 'waits.json'), JSON.stringify(WAITS, null, 2));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('runs set, if and repeat with typed --input values, shows each step and prints the output', async ({ expect }) => {
    const env = envFor(join(root, 'data-typed'));
    const args = ['run', 'hello.json', '--input', 'name=Ada', '-i', 'loud=true', '--input', 'count=3'];
    const result = await cli([...args, '--input', 'tags=["a","b"]'], root, env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Run [0-9a-f-]{36} completed in \d+(ms|\.\ds)$/m);
    expect(outputOf(result)).toEqual({ lines: ['1: HELLO ADA', '2: HELLO ADA', '3: HELLO ADA'], tags: ['a', 'b'] });
    const progress = result.stderr.split('\n').map((line) => line.trimEnd());
    expect(progress[0]).toMatch(/^▶ hello {2}run [0-9a-f-]{36}$/);
    // One line per step: nested steps indented under a line where their block starts.
    expect(progress.slice(1).map((line) => line.replace(/ +/g, ' ').replace(/\d+(ms|\.\ds)$/, 'T'))).toEqual([
      '✓ greet set completed T',
      '▸ shout if',
      ' ✓ upper set completed T',
      '✓ shout if completed T',
      '▸ each repeat',
      ' ✓ line[0] set completed T',
      ' ✓ line[1] set completed T',
      ' ✓ line[2] set completed T',
      '✓ each repeat completed T',
      '',
    ]);
  });

  it('prints an output that is a string as that string: "hello" and "42" stay strings', async ({ expect }) => {
    for (const value of ['hello', '42']) {
      const file = join(root, `string-${value}.json`);
      const workflow = { mova: '1.0', name: 'says', steps: [{ id: 'a', set: value }], output: '{{ steps.a.output }}' };
      await writeFile(file, JSON.stringify(workflow));
      const result = await cli(['run', file], root, envFor(join(root, 'data-strings')));
      expect(result.code, result.stderr).toBe(0);
      expect(outputOf(result)).toBe(value);
    }
  });

  it('says nothing about the process sandbox when no step runs in one', async ({ expect }) => {
    const file = join(root, 'no-sandbox.json');
    await writeFile(file, JSON.stringify({ mova: '1.0', name: 'plain', steps: [{ id: 'a', set: 1 }] }));
    const result = await cli(['run', file], root, { ...envFor(join(root, 'data-weak')), MOVA_SANDBOX: 'weak' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('sandbox: weak');
  });

  it('fills defaults and takes --input-file, with --input on top of it', async ({ expect }) => {
    const inputs = join(root, 'inputs.json');
    await writeFile(inputs, JSON.stringify({ name: 'Bo', loud: true }));
    const result = await cli(
      ['run', hello, '--input-file', inputs, '--input', 'loud=false'],
      root,
      envFor(join(root, 'data-file')),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(outputOf(result)).toEqual({ lines: ['1: Hello Bo', '2: Hello Bo'] });
  });

  it('--json prints the run record with every step, redacted as stored, and nothing else', async ({ expect }) => {
    const result = await cli(['run', hello, '--input', 'name=Ada', '--json'], root, envFor(join(root, 'data-json')));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const record = JSON.parse(result.stdout);
    expect(record).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      workflow: 'hello',
      status: 'completed',
      inputs: { name: 'Ada', count: 2 },
      startedAt: expect.any(String),
      endedAt: expect.any(String),
      // The exposed environment value is a secret: the store keeps it redacted.
      output: { lines: ['1: [redacted] Ada', '2: [redacted] Ada'] },
    });
    expect(record.steps.map((s: { key: string; kind: string; status: string }) => [s.key, s.kind, s.status])).toEqual([
      ['greet', 'set', 'completed'],
      ['shout', 'branch', 'completed'],
      ['lower', 'set', 'completed'],
      ['each', 'repeat', 'completed'],
      ['line[0]', 'set', 'completed'],
      ['line[1]', 'set', 'completed'],
    ]);
    expect(record.steps[0]).toMatchObject({ id: 'greet', pointer: '/steps/0', output: '[redacted] Ada', attempts: 1 });
    expect(record.steps[4]).toMatchObject({ id: 'line', pointer: '/steps/2/do/0', output: '1: [redacted] Ada' });
    expect(result.stdout).not.toContain('Hello');
  });

  it('a failing step fails the run: retries shown, exit 1, the located error with its hint', async ({ expect }) => {
    const env = envFor(join(root, 'data-failing'));
    const result = await cli(['run', 'gives-up.json', '--input', 'name=Ada'], root, env);
    expect(result.code, result.stderr).toBe(1);
    const id = runIdOf(result);
    expect(result.stdout).toContain(`Run ${id} failed in `);
    expect(result.stdout).toContain(`See its steps with: mova-connector runs show ${id}`);
    const lines = result.stderr.split('\n').map((line) => line.replace(/ +/g, ' ').trimEnd());
    expect(lines).toContainEqual(
      expect.stringMatching(/^↻ flaky fail retry 2\/2 in 10ms after transient: service down for Ada \(/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^✗ flaky fail failed \d+ms transient: service down for Ada/));
    expect(lines).toContainEqual(
      'gives-up.json#/steps/1/fail: step "flaky" failed with transient: service down for Ada (The workflow stopped here on purpose (a fail step).)',
    );
    expect(lines.join('\n')).not.toContain('never');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('runs lists runs newest first and runs show prints one with its steps, from the same data dir', async ({
    expect,
  }) => {
    const env = envFor(join(root, 'data-list'));
    const first = await cli(['run', hello, '--input', 'name=Ada'], root, env);
    const second = await cli(['run', failing], root, env);
    expect([first.code, second.code]).toEqual([0, 1]);

    const list = await cli(['runs'], root, env);
    expect(list.code, list.stderr).toBe(0);
    const rows = list.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ID +WORKFLOW +STATUS +STARTED +DURATION$/);
    expect(rows.slice(1).map((row) => row.split(/ {2,}/).slice(0, 3))).toEqual([
      [runIdOf(second), 'gives-up', 'failed'],
      [runIdOf(first), 'hello', 'completed'],
    ]);
    expect(rows[1]).toMatch(/ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}\d+(ms|\.\ds)$/);

    const failed = await cli(['runs', '--status', 'failed', '--json'], root, env);
    expect(JSON.parse(failed.stdout).map((run: { id: string }) => run.id)).toEqual([runIdOf(second)]);
    const limited = await cli(['runs', '--limit', '1', '--json'], root, env);
    expect(JSON.parse(limited.stdout)).toHaveLength(1);

    const shown = await cli(['runs', 'show', runIdOf(second)], root, env);
    expect(shown.code, shown.stderr).toBe(0);
    const text = shown.stdout.replace(/ +/g, ' ');
    expect(text).toContain(`Run ${runIdOf(second)}\n workflow gives-up\n status failed\n`);
    expect(text).toMatch(/✓ first set completed \d+ms\n output 1\n/);
    expect(text).toMatch(/✗ flaky fail failed, 2 attempts \d+ms\n error transient: service down for \(/);
    expect(text).toMatch(/Error transient: service down for \(.*\) at \/steps\/1\/fail\n$/);

    const json = await cli(['runs', 'show', runIdOf(first), '--json'], root, env);
    const record = JSON.parse(json.stdout);
    expect(record).toMatchObject({ id: runIdOf(first), status: 'completed', workflow: 'hello' });
    expect(record.steps).toHaveLength(6);
  });

  it('Ctrl-C cancels the run: the running step is aborted, the run recorded cancelled, exit 130', async ({
    expect,
  }) => {
    const env = envFor(join(root, 'data-cancel'));
    const child = spawn(process.execPath, [BIN, 'run', 'waits.json'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    // The wait step is running once the step before it has finished. One Ctrl-C only: a second quits at once.
    let interrupted = false;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (!interrupted && stderr.includes('✓ first')) interrupted = child.kill('SIGINT');
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(130);
    expect(stdout).toMatch(/^Run [0-9a-f-]{36} cancelled in /m);
    expect(stderr.replace(/ +/g, ' ')).toMatch(/✗ nap wait failed \d+ms cancelled: /);
    const runs = await cli(['runs', '--json'], root, env);
    expect(JSON.parse(runs.stdout)).toEqual([expect.objectContaining({ workflow: 'waits', status: 'cancelled' })]);
  });

  it('http_fetch reaches only the hosts given with --allow-host', async ({ expect }) => {
    const server: Server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ pong: true }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      await writeFile(join(root, 'fetches.json'), JSON.stringify(FETCH));
      const env = envFor(join(root, 'data-fetch'));
      const args = ['run', 'fetches.json', '--input', `url=http://${host}/ping`];
      const refused = await cli(args, root, env);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toMatch(/^fetches\.json#\/steps\/0.*: step "get" failed with forbidden: /m);
      const allowed = await cli([...args, '--allow-host', host], root, env);
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(outputOf(allowed)).toEqual({ pong: true });
    } finally {
      server.close();
    }
  });

  it('runs on an empty data dir says how to start one', async ({ expect }) => {
    const result = await cli(['runs'], root, envFor(join(root, 'data-empty')));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^No runs in .*data-empty \(file store\)\. Start one with: mova-connector run <workflow\.json>$/m,
    );
  });
});
