import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url));

interface Started {
  child: ChildProcess;
  /** The first stdout line. */
  firstLine: Promise<string>;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** `registry start` runs until a signal: its first line is read as soon as it is printed. */
function start(args: string[]): Started {
  const child = spawn(process.execPath, [BIN, 'registry', 'start', ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let gotLine: (line: string) => void = () => {};
  const firstLine = new Promise<string>((resolve) => {
    gotLine = resolve;
  });
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
    const end = stdout.indexOf('\n');
    if (end >= 0) gotLine(stdout.slice(0, end));
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, firstLine, exit };
}

describe('registry start', () => {
  let storage: string;
  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'mova-cli-registry-start-'));
  });
  afterAll(async () => {
    await rm(storage, { recursive: true, force: true });
  });

  it('prints one line of JSON once it listens, serves the npm and marketplace APIs, and stops on SIGINT', async () => {
    const registry = start(['--port', '0', '--storage', storage, '--admin', 'mova', '--json']);
    const line = await Promise.race([registry.firstLine, registry.exit.then((e) => `exited: ${e.stderr}`)]);
    const started = JSON.parse(line);
    expect(started).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/),
      port: expect.any(Number),
      storage,
      admins: ['mova'],
      createdAdmins: [{ name: 'mova', password: expect.stringMatching(/^[\w-]{24}$/) }],
      uplink: null,
    });
    // The admin exists before anyone else can register the name: a stranger's signup is refused,
    // the printed password signs in.
    const signUp = (password: string, signIn = false) =>
      fetch(new URL('-/user/org.couchdb.user:mova', started.url), {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          ...(signIn ? { authorization: `Basic ${Buffer.from(`mova:${password}`).toString('base64')}` } : {}),
        },
        body: JSON.stringify({ name: 'mova', password }),
      });
    expect((await signUp('stranger-password-1')).status).not.toBe(201);
    expect((await signUp('stranger-password-1', true)).status).not.toBe(201);
    expect((await signUp(started.createdAdmins[0].password, true)).status).toBe(201);
    const search = await fetch(new URL('-/mova/v1/connectors', started.url));
    expect(search.status).toBe(200);
    expect(await search.json()).toEqual({ total: 0, results: [] });
    const ping = await fetch(new URL('-/ping', started.url));
    expect(ping.status).toBe(200);
    registry.child.kill('SIGINT');
    const exit = await registry.exit;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stdout.trim().split('\n')).toHaveLength(1);
    await expect(fetch(started.url)).rejects.toThrow();
  });

  it('says where it listens in words, and stops on SIGTERM', async () => {
    const registry = start(['--port', '0', '--storage', storage]);
    const line = await Promise.race([registry.firstLine, registry.exit.then((e) => `exited: ${e.stderr}`)]);
    expect(line).toMatch(/^MOVA registry on http:\/\/127\.0\.0\.1:\d+\/$/);
    registry.child.kill('SIGTERM');
    const exit = await registry.exit;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stdout).toMatch(/admins {3}none \(pass --admin <user> to let someone publish @mova\/\*\)\n/);
    expect(exit.stdout.trimEnd()).toMatch(/Stopped \(SIGTERM\)\.$/);
  });

  it('explains a port that is taken', async () => {
    const first = start(['--port', '0', '--storage', storage, '--json']);
    const { port } = JSON.parse(await first.firstLine);
    const second = start(['--port', String(port), '--storage', `${storage}-second`]);
    const exit = await second.exit;
    first.child.kill('SIGINT');
    await first.exit;
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim()).toMatch(
      new RegExp(
        `^Error: the registry could not listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE.* \\(Pick another port, or 0 for any free one\\.\\)$`,
      ),
    );
  });
});
