// A Docker Engine on loopback for the conformance tests: no daemon runs on the test machines (and
// the sandbox refuses unix sockets anyway), so this server answers the Engine API the way its
// reference says (https://docs.docker.com/reference/api/engine/version/v1.47/), on the paths
// dockerode calls, with a few in-memory containers and images:
// - GET /_ping ("Ping"): "OK" as text/plain, with the Api-Version header.
// - GET /containers/json ("ContainerList"): all, limit, filters as JSON (status, name, label,
//   ancestor); Names with a leading "/", Created in Unix seconds.
// - GET /containers/{id}/json ("ContainerInspect"); id is a name, a full ID or a unique ID prefix.
// - POST /containers/{id}/start, /stop?t=, /restart?t= ("ContainerStart", "ContainerStop",
//   "ContainerRestart"): 204, 304 when already in that state, 404 {"message": "No such container: …"}.
// - GET /containers/{id}/logs ("ContainerLogs"): stdout/stderr (at least one), tail, since, until,
//   timestamps; without a TTY the body is the multiplexed stream ("Stream format", under
//   "ContainerAttach": 8-byte header [stream type, 0, 0, 0, big-endian uint32 size] then the
//   payload) as application/vnd.docker.multiplexed-stream; with a TTY the raw stream.
// - POST /containers/{id}/exec ("ContainerExec"): 201 {"Id"}, 409 when the container is not
//   running; POST /exec/{id}/start ("ExecStart") with Detach false: 200 and the multiplexed output
//   until the command ends; GET /exec/{id}/json ("ExecInspect"): Running, ExitCode. The "commands"
//   are a handful of programs simulated here: echo, printenv, pwd, id -un, cat, sh -c "exit N",
//   yes (endless output, for the cap), anything else exits 127.
// - POST /images/create?fromImage=&tag=&platform= ("ImageCreate"): progress as JSON lines; private
//   repositories need X-Registry-Auth (base64url JSON {username, password, serveraddress}), else 404
//   "pull access denied …"; some failures come inside the 200 stream as {"error", "errorDetail"}.
// - GET /images/json ("ImageList"): filters reference, dangling, label.
// Errors are {"message": "…"}. An optional TLS front (`tls()`) asks for a client certificate signed
// by the test CA, as a daemon run with --tlsverify does.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

export const REGISTRY = { username: 'robot', password: 's3cret-token', serveraddress: 'ghcr.io' };

type Json = Record<string, unknown>;

export interface FakeContainer {
  id: string;
  name: string;
  image: string;
  state: 'created' | 'running' | 'paused' | 'exited';
  tty: boolean;
  labels: Record<string, string>;
  env: string[];
  files: Record<string, string>;
  logs: { stream: 'stdout' | 'stderr'; time: string; text: string }[];
  exitCode: number;
  startedAt: string;
  finishedAt: string;
  restarts: number;
}

export interface DockerReference {
  url: string;
  server: ReferenceServer;
  containers: FakeContainer[];
  images: Json[];
  /** Every exec created, with what it was asked to run. */
  execs: Json[];
  /** An https front for the same daemon, asking for a client certificate. */
  tls(): Promise<string>;
  close(): Promise<void>;
}

/** One frame of the multiplexed stream. */
export function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

const notFound = (what: string, id: string): ReferenceReply => ({
  status: 404,
  body: { message: `No such ${what}: ${id}` },
});

export async function startDocker(): Promise<DockerReference> {
  const server = await startReferenceServer();
  const containers: FakeContainer[] = [];
  const images: Json[] = [
    {
      Id: 'sha256:aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11',
      RepoTags: ['nginx:1.27'],
      RepoDigests: [`nginx@sha256:${'1'.repeat(64)}`],
      Created: 1735700000,
      Size: 192_000_000,
      Labels: { maintainer: 'NGINX Docker Maintainers' },
      Containers: -1,
    },
    {
      Id: 'sha256:bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22',
      RepoTags: ['<none>:<none>'],
      RepoDigests: ['<none>@<none>'],
      Created: 1735600000,
      Size: 5_000_000,
      Labels: null,
      Containers: -1,
    },
  ];
  const execs: Json[] = [];
  let seq = 0;
  const hex = () => (++seq).toString(16).padStart(8, '0').repeat(8);
  const now = () => new Date(Date.UTC(2026, 4, 1, 10, 0, seq)).toISOString();

  const find = (id: string | undefined) =>
    containers.find((c) => c.name === id || c.id === id) ??
    (id && id.length >= 4 ? containers.filter((c) => c.id.startsWith(id)) : []).find((_, __, all) => all.length === 1);
  const truthy = (value: string | null) => value === '1' || value === 'true';
  const filtersOf = (request: ReferenceRequest): Record<string, string[]> | ReferenceReply => {
    const raw = request.query.get('filters');
    if (!raw) return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      // Both spellings the daemon takes: {"status": ["running"]} and {"status": {"running": true}}.
      return Object.fromEntries(
        Object.entries(parsed).map(([key, value]) => [
          key,
          Array.isArray(value) ? value.map(String) : Object.keys(Object(value)),
        ]),
      );
    } catch {
      return { status: 400, body: { message: `invalid filter '${raw}'` } };
    }
  };

  server.route('GET', '/_ping', () => ({
    headers: { 'api-version': '1.47', 'content-type': 'text/plain; charset=utf-8' },
    body: 'OK',
  }));

  server.route('GET', '/containers/json', (request) => {
    const filters = filtersOf(request);
    if (!('status' in filters) || Array.isArray(filters.status)) {
      const f = filters as Record<string, string[]>;
      for (const key of Object.keys(f)) {
        if (!['status', 'name', 'label', 'ancestor', 'id'].includes(key))
          return { status: 400, body: { message: `invalid filter '${key}'` } };
      }
      const list = containers
        .filter((c) => truthy(request.query.get('all')) || c.state === 'running')
        .filter((c) => !f.status || f.status.includes(c.state))
        .filter((c) => !f.name || f.name.some((n) => c.name.includes(n)))
        .filter((c) => !f.ancestor || f.ancestor.some((a) => c.image === a || c.image.split(':')[0] === a))
        .filter(
          (c) =>
            !f.label ||
            f.label.every((l) => {
              const [key = '', value] = l.split('=');
              return key in c.labels && (value === undefined || c.labels[key] === value);
            }),
        )
        .reverse()
        .slice(0, request.query.get('limit') ? Number(request.query.get('limit')) : undefined);
      return {
        body: list.map((c) => ({
          Id: c.id,
          Names: [`/${c.name}`],
          Image: c.image,
          ImageID: images[0]?.Id,
          Command: 'nginx -g daemon off;',
          Created: 1746000000 + containers.indexOf(c),
          State: c.state,
          Status: c.state === 'running' ? 'Up 2 hours' : `Exited (${c.exitCode}) 3 minutes ago`,
          Ports:
            c.state === 'running'
              ? [{ PrivatePort: 80, PublicPort: 8080, Type: 'tcp', IP: '0.0.0.0' }]
              : [{ PrivatePort: 80, Type: 'tcp' }],
          Labels: c.labels,
          HostConfig: { NetworkMode: 'bridge' },
        })),
      };
    }
    return filters as ReferenceReply;
  });

  server.route('GET', '/containers/:id/json', ({ params }) => {
    const c = find(params.id);
    if (!c) return notFound('container', params.id ?? '');
    return {
      body: {
        Id: c.id,
        Created: '2026-04-30T08:00:00.000000000Z',
        Path: 'nginx',
        Args: ['-g', 'daemon off;'],
        State: {
          Status: c.state,
          Running: c.state === 'running',
          Paused: c.state === 'paused',
          Restarting: false,
          OOMKilled: false,
          Dead: false,
          Pid: c.state === 'running' ? 4242 : 0,
          ExitCode: c.exitCode,
          Error: '',
          StartedAt: c.startedAt,
          FinishedAt: c.finishedAt,
          ...(c.labels.healthcheck ? { Health: { Status: 'healthy', FailingStreak: 0, Log: [] } } : {}),
        },
        Image: images[0]?.Id,
        Name: `/${c.name}`,
        RestartCount: c.restarts,
        Config: {
          Hostname: c.id.slice(0, 12),
          Tty: c.tty,
          Env: c.env,
          Cmd: ['nginx', '-g', 'daemon off;'],
          Entrypoint: ['/docker-entrypoint.sh'],
          Image: c.image,
          Labels: c.labels,
        },
        NetworkSettings: { Networks: { bridge: { IPAddress: c.state === 'running' ? '172.17.0.2' : '' } } },
        Mounts: [],
      },
    };
  });

  const transition = (action: 'start' | 'stop' | 'restart') => (request: ReferenceRequest) => {
    const c = find(request.params.id);
    if (!c) return notFound('container', request.params.id ?? '');
    const t = request.query.get('t');
    if (t !== null && !/^-?\d+$/.test(t)) return { status: 400, body: { message: `invalid value for t: ${t}` } };
    if (c.state === 'paused')
      return { status: 409, body: { message: `cannot ${action} a paused container, try unpause instead` } };
    if (action === 'start' && c.state === 'running') return { status: 304 };
    if (action === 'stop' && c.state !== 'running') return { status: 304 };
    if (action !== 'start') {
      c.finishedAt = now();
      c.exitCode = 0;
    }
    if (action !== 'stop') {
      c.startedAt = now();
      if (action === 'restart') c.restarts += 1;
    }
    c.state = action === 'stop' ? 'exited' : 'running';
    return { status: 204 };
  };
  server.route('POST', '/containers/:id/start', transition('start'));
  server.route('POST', '/containers/:id/stop', transition('stop'));
  server.route('POST', '/containers/:id/restart', transition('restart'));

  server.route('GET', '/containers/:id/logs', (request) => {
    const c = find(request.params.id);
    if (!c) return notFound('container', request.params.id ?? '');
    const q = request.query;
    const out = truthy(q.get('stdout'));
    const err = truthy(q.get('stderr'));
    if (!out && !err) return { status: 400, body: { message: 'Bad parameters: you must choose at least one stream' } };
    if (truthy(q.get('follow'))) return { status: 400, body: { message: 'this reference does not follow logs' } };
    const since = q.get('since') ? Number(q.get('since')) * 1000 : Number.NEGATIVE_INFINITY;
    const until = q.get('until') ? Number(q.get('until')) * 1000 : Number.POSITIVE_INFINITY;
    let lines = c.logs
      .filter((l) => (l.stream === 'stdout' ? out : err))
      .filter((l) => Date.parse(l.time) > since && Date.parse(l.time) < until);
    const tail = q.get('tail') ?? 'all';
    if (tail !== 'all') lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    const text = (l: (typeof lines)[number]) => `${truthy(q.get('timestamps')) ? `${l.time} ` : ''}${l.text}\n`;
    if (c.tty) {
      return {
        headers: { 'content-type': 'application/vnd.docker.raw-stream' },
        body: Buffer.from(lines.map(text).join('')),
      };
    }
    return {
      headers: { 'content-type': 'application/vnd.docker.multiplexed-stream' },
      body: Buffer.concat(lines.map((l) => frame(l.stream === 'stdout' ? 1 : 2, text(l)))),
    };
  });

  server.route('POST', '/containers/:id/exec', (request) => {
    const c = find(request.params.id);
    if (!c) return notFound('container', request.params.id ?? '');
    const config = Object(request.body) as Json;
    if (!Array.isArray(config.Cmd) || config.Cmd.length === 0)
      return { status: 400, body: { message: 'No exec command specified' } };
    if (c.state !== 'running') return { status: 409, body: { message: `container ${c.id} is not running` } };
    const id = hex();
    execs.push({ id, container: c, config, running: false, exitCode: null });
    return { status: 201, body: { Id: id } };
  });
  server.route('POST', '/exec/:id/start', (request) => {
    const exec = execs.find((e) => e.id === request.params.id);
    if (!exec) return notFound('exec instance', request.params.id ?? '');
    const options = Object(request.body) as Json;
    if (options.Detach === true) return { status: 400, body: { message: 'this reference runs attached execs only' } };
    const { stdout, stderr, exitCode } = runCommand(exec.container as FakeContainer, Object(exec.config) as Json);
    exec.exitCode = exitCode;
    const body = Buffer.concat([...(stdout ? [frame(1, stdout)] : []), ...(stderr ? [frame(2, stderr)] : [])]);
    return { headers: { 'content-type': 'application/vnd.docker.multiplexed-stream' }, body };
  });
  server.route('GET', '/exec/:id/json', ({ params }) => {
    const exec = execs.find((e) => e.id === params.id);
    if (!exec) return notFound('exec instance', params.id ?? '');
    const config = Object(exec.config) as Json;
    return {
      body: {
        ID: exec.id,
        Running: exec.exitCode === null,
        ExitCode: exec.exitCode,
        ProcessConfig: {
          entrypoint: (config.Cmd as string[])[0],
          arguments: (config.Cmd as string[]).slice(1),
          tty: false,
        },
        ContainerID: (exec.container as FakeContainer).id,
      },
    };
  });

  server.route('POST', '/images/create', (request) => {
    const from = request.query.get('fromImage') ?? '';
    const tag = request.query.get('tag') || 'latest';
    if (!from) return { status: 400, body: { message: 'fromImage is required' } };
    const privateRepo = from.startsWith('ghcr.io/');
    if (privateRepo) {
      const header = request.headers['x-registry-auth'];
      let creds: Json = {};
      try {
        creds = JSON.parse(Buffer.from(String(header ?? ''), 'base64url').toString('utf8'));
      } catch {}
      if (
        creds.username !== REGISTRY.username ||
        creds.password !== REGISTRY.password ||
        creds.serveraddress !== REGISTRY.serveraddress
      ) {
        return {
          status: 404,
          body: {
            message: `pull access denied for ${from}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
          },
        };
      }
    }
    if (from === 'busybox' && tag === 'ratelimited') {
      const lines = [
        { status: `Pulling from library/${from}`, id: tag },
        {
          errorDetail: { message: 'toomanyrequests: You have reached your pull rate limit.' },
          error: 'toomanyrequests: You have reached your pull rate limit.',
        },
      ];
      return {
        headers: { 'content-type': 'application/json' },
        body: `${lines.map((l) => JSON.stringify(l)).join('\r\n')}\r\n`,
      };
    }
    const digest = `sha256:${(seq + 1).toString(16).padStart(64, 'c')}`;
    const lines = [
      { status: `Pulling from ${from.includes('/') ? from : `library/${from}`}`, id: tag },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'a2abf6c4d29d' },
      {
        status: 'Downloading',
        progressDetail: { current: 1024, total: 2048 },
        progress: '[=====>   ] 1kB/2kB',
        id: 'a2abf6c4d29d',
      },
      { status: 'Pull complete', progressDetail: {}, id: 'a2abf6c4d29d' },
      { status: `Digest: ${digest}` },
      { status: `Status: Downloaded newer image for ${from}:${tag}` },
    ];
    images.push({
      Id: `sha256:${hex()}`,
      RepoTags: [`${from}:${tag}`],
      RepoDigests: [`${from}@${digest}`],
      Created: 1746000000,
      Size: 1234,
      Labels: {},
      Containers: -1,
      Platform: request.query.get('platform') || null,
    });
    seq += 1;
    return {
      headers: { 'content-type': 'application/json' },
      body: `${lines.map((l) => JSON.stringify(l)).join('\r\n')}\r\n`,
    };
  });

  server.route('GET', '/images/json', (request) => {
    const filters = filtersOf(request);
    if (!Object.values(filters).every(Array.isArray)) return filters as ReferenceReply;
    const f = filters as Record<string, string[]>;
    const matches = (pattern: string, tag: string) =>
      new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(:.*)?$`).test(tag);
    return {
      body: images
        .filter((i) => !f.reference || (i.RepoTags as string[]).some((t) => f.reference?.some((r) => matches(r, t))))
        .filter((i) => !f.dangling || f.dangling.includes(String((i.RepoTags as string[])[0] === '<none>:<none>')))
        .filter((i) => !f.label || f.label.every((l) => Object(i.Labels)[l.split('=')[0] ?? ''] !== undefined))
        .map(({ Platform: _platform, ...image }) => image),
    };
  });

  let tlsFront: tls.Server | undefined;
  return {
    url: server.url,
    server,
    containers,
    images,
    execs,
    async tls() {
      const port = new URL(server.url).port;
      tlsFront = tls.createServer(
        {
          key: fixture('server-key.pem'),
          cert: fixture('server-cert.pem'),
          ca: fixture('ca.pem'),
          requestCert: true,
          rejectUnauthorized: true,
        },
        (socket) => {
          const upstream = net.connect(Number(port), '127.0.0.1');
          socket.pipe(upstream).pipe(socket);
          socket.on('error', () => upstream.destroy());
          upstream.on('error', () => socket.destroy());
        },
      );
      await new Promise<void>((resolve) => tlsFront?.listen(0, '127.0.0.1', resolve));
      const address = tlsFront.address();
      return `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    },
    async close() {
      await new Promise<void>((resolve) => (tlsFront ? tlsFront.close(() => resolve()) : resolve()));
      await server.close();
    },
  };

  function runCommand(c: FakeContainer, config: Json): { stdout: string; stderr: string; exitCode: number } {
    const [program = '', ...args] = (config.Cmd as string[]) ?? [];
    const env = [...c.env, ...(Array.isArray(config.Env) ? config.Env.map(String) : [])];
    switch (program) {
      case 'echo':
        return { stdout: `${args.join(' ')}\n`, stderr: '', exitCode: 0 };
      case 'printenv': {
        const value = env.reverse().find((e) => e.startsWith(`${args[0]}=`));
        return value
          ? { stdout: `${value.slice(String(args[0]).length + 1)}\n`, stderr: '', exitCode: 0 }
          : { stdout: '', stderr: '', exitCode: 1 };
      }
      case 'pwd':
        return {
          stdout: `${typeof config.WorkingDir === 'string' && config.WorkingDir ? config.WorkingDir : '/'}\n`,
          stderr: '',
          exitCode: 0,
        };
      case 'id':
        return {
          stdout: `${typeof config.User === 'string' && config.User ? config.User.split(':')[0] : 'root'}\n`,
          stderr: '',
          exitCode: 0,
        };
      case 'cat': {
        const file = c.files[args[0] ?? ''];
        return file === undefined
          ? { stdout: '', stderr: `cat: can't open '${args[0]}': No such file or directory\n`, exitCode: 1 }
          : { stdout: file, stderr: '', exitCode: 0 };
      }
      case 'df':
        return {
          stdout: 'Filesystem      Size  Used Avail Use% Mounted on\noverlay          59G   21G   36G  37% /\n',
          stderr: '',
          exitCode: 0,
        };
      case 'yes':
        return { stdout: 'y\n'.repeat(200_000), stderr: '', exitCode: 0 };
      case 'sh': {
        const exit = /^exit (\d+)$/.exec(args[1] ?? '');
        if (args[0] === '-c' && exit) return { stdout: '', stderr: '', exitCode: Number(exit[1]) };
        return { stdout: '', stderr: `sh: unsupported script in this reference: ${args.join(' ')}\n`, exitCode: 2 };
      }
      default:
        return {
          stdout: '',
          stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown\n`,
          exitCode: 127,
        };
    }
  }
}

/** A container for the reference, with sensible defaults. */
export function container(fields: Partial<FakeContainer> & { name: string }): FakeContainer {
  const id = Buffer.from(fields.name.padEnd(32, '0')).toString('hex').slice(0, 64);
  return {
    id,
    image: 'nginx:1.27',
    state: 'running',
    tty: false,
    labels: {},
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    files: {},
    logs: [],
    exitCode: 0,
    startedAt: '2026-05-01T08:00:00.000000000Z',
    finishedAt: '0001-01-01T00:00:00Z',
    restarts: 0,
    ...fields,
  };
}
