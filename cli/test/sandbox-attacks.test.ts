import { spawn, spawnSync } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { cp, mkdir, rename, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunRecord } from '@mova/runtime';
import { buildManifest, type Connector, MANIFEST_FILE } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './cli.js';
import { addUser, jsonOf, type RegistrySandbox, registrySandbox } from './registry-support.js';

const FIXTURE = fileURLToPath(new URL('fixtures/hostile-connector/', import.meta.url));
const TARGET = '127.0.0.3';
const SECRET = 'tok-evil-secret-4711';
const UNUSED_SECRET = 'tok-other-connection-0815';

// A hostile third-party connector takes the path every connector takes: published to a registry
// with plain `npm publish`, installed with `mova-connector install`, run by `mova-connector run`.
// Each action is one attack; the targets are servers in this process on 127.0.0.3, which count
// what really reaches them, whatever the connector claims.
describe('a hostile connector, published, installed and run, reaches nothing it was not given', () => {
  let sandbox: RegistrySandbox;
  let project: string;
  let tcpTarget: Server;
  let udpTarget: UdpSocket;
  let port = 0;
  let udpPort = 0;
  const arrived = { tcp: 0, udp: 0 };

  beforeAll(async () => {
    tcpTarget = createServer((socket) => {
      arrived.tcp++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => tcpTarget.listen(0, TARGET, resolve));
    port = (tcpTarget.address() as { port: number }).port;
    udpTarget = createSocket('udp4', () => {
      arrived.udp++;
    });
    await new Promise<void>((resolve) => udpTarget.bind(0, TARGET, resolve));
    udpPort = udpTarget.address().port;

    sandbox = await registrySandbox('attacks', []);
    const pkg = join(sandbox.root, 'hostile');
    await cp(FIXTURE, pkg, { recursive: true });
    // The fixture is plain JavaScript that needs no build; it is kept out of dist/, which git ignores.
    await mkdir(join(pkg, 'dist'));
    await rename(join(pkg, 'connector.mjs'), join(pkg, 'dist', 'connector.mjs'));
    const bundle = (await import(pathToFileURL(join(pkg, 'dist', 'connector.mjs')).href)).default as Connector;
    const manifest = buildManifest(bundle, { name: '@evil/connector-hostile', version: '1.0.0' });
    await writeFile(join(pkg, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    const token = await addUser(sandbox.registry, 'evil');
    const registry = new URL(sandbox.registry.url);
    await writeFile(join(pkg, '.npmrc'), `registry=${registry.href}\n//${registry.host}/:_authToken=${token}\n`);
    const published = await npm(['publish', '--registry', registry.href], pkg, join(sandbox.root, 'npm-cache'));
    expect(published.code, published.output).toBe(0);

    project = join(sandbox.root, 'project');
    await mkdir(project);
    await writeFile(join(project, 'attacks.json'), JSON.stringify(attacks(port, udpPort), null, 2));
    const installed = await sandbox.runIn(project, ['install', '@evil/connector-hostile@^1'], {
      MOVA_REGISTRY: sandbox.registry.url,
    });
    expect(installed.code, installed.stderr).toBe(0);
  });
  afterAll(async () => {
    await sandbox?.close();
    tcpTarget?.close();
    udpTarget?.close();
  });

  it('in the OS sandbox: every attack fails, nothing arrives, the run and its host survive', async () => {
    const run = await sandbox.runIn(project, ['run', 'attacks.json', '--json'], {
      MOVA_SANDBOX: 'strict',
      MOVA_CONNECTION_EVIL: JSON.stringify({ connector: '@evil/connector-hostile', auth: { token: SECRET } }),
      MOVA_CONNECTION_OTHER: JSON.stringify({ connector: 'github', auth: { token: UNUSED_SECRET } }),
    });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const record = jsonOf<RunRecord>(run);
    const outcome = Object.fromEntries(
      record.steps.map((step) => [step.key, (step.output as { outcome?: string } | undefined)?.outcome]),
    );
    expect(outcome.lookup).toMatch(/^refused/);
    expect(outcome.getterRace).toMatch(/^refused/);
    expect(outcome.reinstallGuard).toMatch(/^refused: E_NETWORK_DENIED/);
    expect(outcome.dnsResolver).toMatch(/^failed/);
    expect(outcome.udp).toMatch(/^threw|^failed/);
    expect(outcome.wildcardConnection).toMatch(/^refused: E_NETWORK_DENIED/);
    // Node's permission model inside denies /proc; the environment itself is empty (sandbox tests).
    expect(outcome.environ).toBe('threw: ERR_ACCESS_DENIED');
    // In its own PID namespace its parent is the namespace's init, which ignores the signal.
    expect(outcome.killParent).toBe('signalled 1');
    expect(arrived).toEqual({ tcp: 0, udp: 0 });
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.stdout + run.stderr).not.toContain(UNUSED_SECRET);
  });

  it('in the OS sandbox: it serves nothing reachable, and killing the runtime with -9 leaves no sandbox behind', async () => {
    const workflow = attacks(port, udpPort);
    workflow.steps = ['listen', 'hang'].map((key) => ({
      ...(workflow.steps[0] as Step),
      id: key,
      uses: `@evil/connector-hostile/${key}@^1`,
    }));
    await writeFile(join(project, 'serve.json'), JSON.stringify(workflow, null, 2));
    const env = {
      ...process.env,
      FORCE_COLOR: '0',
      MOVA_CONFIG: sandbox.movarc,
      MOVA_DATA_DIR: join(sandbox.root, 'data'),
      MOVA_SANDBOX: 'strict',
      MOVA_CONNECTION_EVIL: JSON.stringify({ connector: '@evil/connector-hostile', auth: { token: SECRET } }),
    };
    const running = spawn(process.execPath, [BIN, 'run', join(project, 'serve.json')], {
      cwd: project,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let progress = '';
    running.stderr.on('data', (chunk) => {
      progress += chunk;
    });
    try {
      const runId = await eventually(() => /run ([0-9a-f-]{36})/.exec(progress)?.[1]);
      const listened = await eventually(async () => {
        const shown = await sandbox.runIn(project, ['runs', 'show', runId, '--json']);
        const step = shown.code === 0 ? jsonOf<RunRecord>(shown).steps.find((s) => s.key === 'listen') : undefined;
        const outcome = (step?.output as { outcome?: string } | undefined)?.outcome;
        return outcome;
      });
      // The guard refuses servers; were it bypassed, the server would listen inside the sandbox's own
      // network namespace, which has no way in from here.
      if (listened.startsWith('listening'))
        expect(await connectOutcome(Number(listened.split(' ')[1]))).toBe('ECONNREFUSED');
      else expect(listened).toBe('threw: E_NETWORK_DENIED');
      // Meanwhile `hang` runs: the CLI and a bubblewrap sandbox are alive.
      await eventually(() => (processesUnder(sandbox.root).some((line) => line.includes('bwrap')) ? true : undefined));
    } finally {
      running.kill('SIGKILL');
    }
    // The CLI, its relaunched self and every sandbox: none outlives the process the user killed.
    expect(await eventually(() => (processesUnder(sandbox.root).length === 0 ? true : undefined))).toBe(true);
  }, 90_000);

  it('with the OS sandbox turned off (weak), the in-process guard still stops the network attacks, and says so', async () => {
    const weak = attacks(port, udpPort);
    weak.steps = weak.steps.filter((step) => step.id !== 'killParent');
    await writeFile(join(project, 'weak.json'), JSON.stringify(weak, null, 2));
    const run = await sandbox.runIn(project, ['run', 'weak.json', '--json'], {
      MOVA_SANDBOX: 'weak',
      MOVA_CONNECTION_EVIL: JSON.stringify({ connector: '@evil/connector-hostile', auth: { token: SECRET } }),
    });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stderr).toContain('sandbox: weak');
    const record = jsonOf<RunRecord>(run);
    for (const step of record.steps) {
      expect((step.output as { outcome: string }).outcome, step.key).toMatch(/^(refused|failed|threw|0 env vars)/);
    }
    expect(arrived).toEqual({ tcp: 0, udp: 0 });
  });
});

function attacks(port: number, udpPort: number) {
  const keys = [
    'lookup',
    'getterRace',
    'reinstallGuard',
    'dnsResolver',
    'udp',
    'wildcardConnection',
    'environ',
    'killParent',
  ];
  return {
    mova: '1.0',
    name: 'attacks',
    connections: { evil: { connector: '@evil/connector-hostile' } },
    steps: keys.map((key) => ({
      id: key,
      uses: `@evil/connector-hostile/${key}@^1`,
      connection: 'evil',
      with: { host: TARGET, port, udpPort },
    })),
  };
}

type Step = ReturnType<typeof attacks>['steps'][number];

/** Polls `read` until it gives a value (30 s at most). */
async function eventually<T>(read: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('gave up waiting');
}

/** Processes whose command line names a path under `root`: the CLI run there and its sandboxes (bubblewrap and Node). */
function processesUnder(root: string): string[] {
  const listed = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return listed
    .split('\n')
    .filter((line) => line.includes(root) && !line.includes('runs show'))
    .map((line) => line.trim());
}

/** How a TCP connection to 127.0.0.1:`port` from this process ends: `connected` or the error code. */
function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** `npm` next to this Node, spawned asynchronously (a sync spawn would block the registry in this process). */
function npm(args: string[], cwd: string, cache: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(dirname(process.execPath), 'npm'), args, {
      cwd,
      env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}
