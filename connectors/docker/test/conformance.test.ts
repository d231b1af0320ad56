import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { container, type DockerReference, fixture, REGISTRY, startDocker } from './docker-engine.js';

// Every action through the sandbox users run it in (worker thread, egress limited to the host the
// connection's url names), against the loopback Docker Engine of docker-engine.ts (its header names
// the Engine API operations each route follows), plain on loopback and behind a TLS front that asks
// for a client certificate, as a daemon run with --tlsverify does. The daemon is reached only
// through the connection's url (network.connectionHosts).
let docker: DockerReference;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;
let tlsUrl: string;

const at = (minute: number) => `2026-05-01T09:${String(minute).padStart(2, '0')}:00.000000000Z`;

beforeAll(async () => {
  docker = await startDocker();
  tlsUrl = await docker.tls();
  docker.containers.push(
    container({
      name: 'web',
      labels: { 'com.docker.compose.project': 'web', healthcheck: 'on' },
      env: ['PATH=/usr/bin:/bin', 'APP_ENV=production'],
      files: { '/etc/hostname': 'web-1\n' },
      logs: [
        { stream: 'stdout', time: at(1), text: 'GET / 200' },
        { stream: 'stderr', time: at(2), text: 'upstream timed out' },
        { stream: 'stdout', time: at(3), text: 'GET /health 200' },
      ],
    }),
    container({ name: 'worker', state: 'exited', exitCode: 137, image: 'acme/worker:2', labels: { tier: 'jobs' } }),
    container({
      name: 'console',
      tty: true,
      logs: [
        { stream: 'stdout', time: at(4), text: 'ready' },
        { stream: 'stdout', time: at(5), text: '{"level":"info"}' },
      ],
    }),
  );
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { url: docker.url };
});
afterAll(async () => {
  await connector?.close();
  await docker?.close();
});

type Out = Record<string, unknown>;
const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const last = () => docker.server.requests.at(-1);

describe('every example in the manifest', () => {
  it('runs against the daemon and gives the output it shows', async () => {
    const order = [
      'containers.list',
      'containers.inspect',
      'containers.logs',
      'containers.exec',
      'containers.start',
      'containers.stop',
      'containers.restart',
      'images.pull',
      'images.list',
    ];
    await runExamples(order);
    expect(docker.server.unmatched).toEqual([]);
  });
});

describe('containers', () => {
  it('lists running ones, all of them, and by filters', async () => {
    const running = await run('containers.list', {});
    expect(last()?.query.get('all')).toBe('false');
    expect((running.containers as Out[]).map((c) => c.names)).toEqual([['console'], ['web']]);
    const all = await run('containers.list', { all: true, labels: ['tier=jobs'], status: ['exited'] });
    expect(JSON.parse(last()?.query.get('filters') ?? '{}')).toEqual({ status: ['exited'], label: ['tier=jobs'] });
    expect(all.containers).toEqual([
      {
        id: docker.containers[1]?.id,
        names: ['worker'],
        image: 'acme/worker:2',
        imageId: docker.images[0]?.Id,
        command: 'nginx -g daemon off;',
        state: 'exited',
        // The example stopped it: exit code 0 now.
        status: 'Exited (0) 3 minutes ago',
        created: '2025-04-30T08:00:01.000Z',
        labels: { tier: 'jobs' },
        ports: [{ privatePort: 80, publicPort: null, type: 'tcp', ip: null }],
      },
    ]);
  });

  it('inspects by name or ID prefix', async () => {
    const web = docker.containers[0];
    const inspected = await run('containers.inspect', { container: web?.id.slice(0, 12) });
    expect(inspected).toEqual({
      id: web?.id,
      name: 'web',
      image: 'nginx:1.27',
      imageId: docker.images[0]?.Id,
      created: '2026-04-30T08:00:00.000000000Z',
      state: {
        status: 'running',
        running: true,
        exitCode: 0,
        error: null,
        oomKilled: false,
        startedAt: expect.stringMatching(/^2026-05-01T/),
        // The restart example stopped it once.
        finishedAt: expect.stringMatching(/^2026-05-01T/),
        health: 'healthy',
      },
      command: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'],
      labels: { 'com.docker.compose.project': 'web', healthcheck: 'on' },
      restartCount: expect.any(Number),
      networks: { bridge: '172.17.0.2' },
    });
    expect(await fail('containers.inspect', { container: 'ghost' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404, message: expect.stringContaining('No such container: ghost') },
    });
  });

  it('starts and stops, reporting a no-op (304) as changed: false', async () => {
    expect(await run('containers.start', { container: 'worker' })).toEqual({ container: 'worker', changed: true });
    expect(last()).toMatchObject({ method: 'POST', path: '/containers/worker/start' });
    expect(await run('containers.start', { container: 'worker' })).toEqual({ container: 'worker', changed: false });
    expect(await run('containers.stop', { container: 'worker', timeoutSeconds: 5 })).toEqual({
      container: 'worker',
      changed: true,
    });
    expect(last()?.query.get('t')).toBe('5');
    expect(await run('containers.stop', { container: 'worker' })).toEqual({ container: 'worker', changed: false });
    expect(docker.containers[1]?.state).toBe('exited');
    const restarts = docker.containers[1]?.restarts ?? 0;
    await run('containers.restart', { container: 'worker', timeoutSeconds: 1 });
    expect(docker.containers[1]).toMatchObject({ state: 'running', restarts: restarts + 1 });
  });

  it('reads logs: demultiplexed stdout and stderr, tail, since and timestamps; a TTY raw', async () => {
    const logs = await run('containers.logs', { container: 'web', all: true });
    expect(logs).toEqual({ stdout: 'GET / 200\nGET /health 200\n', stderr: 'upstream timed out\n', truncated: false });
    const tail = await run('containers.logs', { container: 'web', tail: 1, timestamps: true, stderr: false });
    expect(last()?.query.get('tail')).toBe('1');
    expect(last()?.query.get('stderr')).toBe('false');
    expect(tail).toEqual({ stdout: `${at(3)} GET /health 200\n`, stderr: '', truncated: false });
    const since = await run('containers.logs', { container: 'web', all: true, since: '2026-05-01T09:01:30Z' });
    expect(last()?.query.get('since')).toBe(String(Date.parse('2026-05-01T09:01:30Z') / 1000));
    expect(since).toMatchObject({ stdout: 'GET /health 200\n', stderr: 'upstream timed out\n' });
    // A TTY's log is raw, and a line that looks like JSON stays text.
    expect(await run('containers.logs', { container: 'console', tail: 1 })).toEqual({
      stdout: '{"level":"info"}\n',
      stderr: '',
      truncated: false,
    });
    const capped = await run('containers.logs', { container: 'web', all: true, maxBytes: 12 });
    expect(capped).toEqual({ stdout: 'GET / 200\nGE', stderr: '', truncated: true });
    expect(await fail('containers.logs', { container: 'web', stdout: false, stderr: false })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 400, message: expect.stringContaining('at least one stream') },
    });
  });

  it('runs commands with env, working dir and user, and reports their exit code and output', async () => {
    const hostname = await run('containers.exec', { container: 'web', command: ['cat', '/etc/hostname'] });
    expect(hostname).toEqual({ exitCode: 0, stdout: 'web-1\n', stderr: '', truncated: false });
    const created = docker.execs.at(-1);
    expect(created?.config).toMatchObject({
      Cmd: ['cat', '/etc/hostname'],
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });

    expect(
      await run('containers.exec', { container: 'web', command: ['printenv', 'DEPLOY'], env: { DEPLOY: 'blue' } }),
    ).toMatchObject({
      exitCode: 0,
      stdout: 'blue\n',
    });
    expect(await run('containers.exec', { container: 'web', command: ['pwd'], workingDir: '/srv/app' })).toMatchObject({
      stdout: '/srv/app\n',
    });
    expect(await run('containers.exec', { container: 'web', command: ['id', '-un'], user: 'www-data' })).toMatchObject({
      stdout: 'www-data\n',
    });
    expect(await run('containers.exec', { container: 'web', command: ['cat', '/nope'] })).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: "cat: can't open '/nope': No such file or directory\n",
      truncated: false,
    });
    expect(await run('containers.exec', { container: 'web', command: ['sh', '-c', 'exit 3'] })).toMatchObject({
      exitCode: 3,
    });
    const capped = await run('containers.exec', { container: 'web', command: ['yes'], maxBytes: 1000 });
    expect(capped).toMatchObject({ truncated: true });
    expect(String(capped.stdout)).toHaveLength(1000);
    expect(await fail('containers.exec', { container: 'worker-stopped', command: ['true'] })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found' },
    });
  });

  it('refuses exec in a stopped container as a conflict', async () => {
    docker.containers.push(container({ name: 'halted', state: 'exited' }));
    expect(await fail('containers.exec', { container: 'halted', command: ['echo', 'hi'] })).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', status: 409, message: expect.stringContaining('is not running') },
    });
  });
});

describe('images', () => {
  it('pulls with :latest added, reports the digest, and lists by reference and dangling', async () => {
    const pulled = await run('images.pull', { image: 'redis', platform: 'linux/arm64' });
    expect(last()).toMatchObject({ method: 'POST', path: '/images/create' });
    expect(last()?.query.get('fromImage')).toBe('redis');
    expect(last()?.query.get('tag')).toBe('latest');
    expect(last()?.query.get('platform')).toBe('linux/arm64');
    expect(pulled).toEqual({
      image: 'redis:latest',
      status: 'Status: Downloaded newer image for redis:latest',
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    const redis = await run('images.list', { reference: 'redis' });
    expect((redis.images as Out[]).map((i) => i.repoTags)).toEqual([['redis:latest']]);
    const dangling = await run('images.list', { dangling: true });
    expect(dangling.images).toEqual([
      {
        id: docker.images[1]?.Id,
        repoTags: [],
        repoDigests: [],
        created: '2024-12-30T23:06:40.000Z',
        size: 5_000_000,
        labels: {},
      },
    ]);
  });

  it('pulls a private image with the connection’s registry credentials, and fails without them', async () => {
    const withCredentials = {
      ...auth,
      registryUsername: REGISTRY.username,
      registryPassword: REGISTRY.password,
      registryServer: REGISTRY.serveraddress,
    };
    const pulled = await run('images.pull', { image: 'ghcr.io/acme/api:2.4.1' }, withCredentials);
    expect(pulled).toMatchObject({
      image: 'ghcr.io/acme/api:2.4.1',
      status: 'Status: Downloaded newer image for ghcr.io/acme/api:2.4.1',
    });
    expect(await fail('images.pull', { image: 'ghcr.io/acme/api:2.4.1' })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 404, message: expect.stringContaining('pull access denied') },
    });
  });

  it('fails a pull the daemon reports inside its stream, by the registry’s reason', async () => {
    expect(await fail('images.pull', { image: 'busybox:ratelimited' })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', message: expect.stringContaining('toomanyrequests') },
    });
  });
});

describe('connection', () => {
  it('reaches a --tlsverify daemon with the CA and a client certificate', async () => {
    const secure = { url: tlsUrl, ca: fixture('ca.pem'), cert: fixture('cert.pem'), key: fixture('key.pem') };
    const listed = await run('containers.list', {}, secure);
    expect((listed.containers as Out[]).length).toBeGreaterThan(0);
    expect(await run('containers.exec', { container: 'web', command: ['echo', 'over', 'tls'] }, secure)).toMatchObject({
      stdout: 'over tls\n',
    });
  });

  it('is refused without a client certificate, and refuses a daemon its CA did not sign', async () => {
    const noClientCert = await fail('containers.list', {}, { url: tlsUrl, ca: fixture('ca.pem') });
    expect(noClientCert).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('CERTIFICATE_REQUIRED') },
    });
    const wrongCa = await fail(
      'containers.list',
      {},
      { url: tlsUrl, ca: fixture('cert.pem'), cert: fixture('cert.pem'), key: fixture('key.pem') },
    );
    expect(wrongCa).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
  });

  it('refuses a certificate without its key before connecting', async () => {
    const before = docker.server.requests.length;
    expect(await fail('containers.list', {}, { url: docker.url, cert: fixture('cert.pem') })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('without its key') },
    });
    expect(docker.server.requests.length).toBe(before);
  });

  it('pins the API version when asked', async () => {
    docker.server.route('GET', '/v1.44/containers/json', () => ({ body: [] }));
    expect(await run('containers.list', {}, { ...auth, apiVersion: '1.44' })).toEqual({ containers: [] });
    expect(last()?.path).toBe('/v1.44/containers/json');
  });
});
