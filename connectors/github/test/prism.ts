import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '@mova/sdk/testing';
import { githubDescription } from './github-description.js';

/** Where the connection's baseUrl points: the API root of GitHub Enterprise Server. */
const API_ROOT = '/api/v3';

/** A problem Prism found in a request (or in the example it would answer with). */
export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** One request the connector made, as Prism saw and judged it. */
export interface Served {
  method: string;
  /** Path below the API root, without the query. */
  path: string;
  query: Record<string, string>;
  /** The JSON body sent, if any. */
  body: unknown;
  status: number;
  /** What Prism found wrong with the request (it then answers 422 or 400) or with its own answer. */
  violations: Violation[];
}

export interface GitHubMock {
  /**
   * A GitHub Enterprise Server API root on loopback for the connection's `baseUrl`. `prefer` goes to
   * Prism as its `Prefer` header, e.g. `code=404` or `example=pinned_comment`.
   */
  baseUrl(prefer?: string): string;
  /** The requests served since the last call, oldest first. */
  take(): Served[];
  /** How long Prism took from spawn until it answered, in ms. */
  readonly startMs: number;
  close(): Promise<void>;
}

/**
 * Serves GitHub's own REST description (`@octokit/openapi`, api.github.com) with Prism on a free
 * loopback port, behind a small loopback proxy that records every request with Prism's verdict and keeps
 * responses from pointing off the machine. Prism answers a request that breaks the description with the
 * operation's 422 (or 400), and any other with the description's example.
 * @example
 * const mock = await startGitHubMock();
 * await connector.run('repos.get', { owner: 'octocat', repo: 'Hello-World' }, { auth: { token, baseUrl: mock.baseUrl() } });
 */
export async function startGitHubMock(): Promise<GitHubMock> {
  const dir = await mkdtemp(join(tmpdir(), 'mova-github-prism-'));
  const description = join(dir, 'api.github.com.json');
  await writeFile(description, JSON.stringify(await githubDescription()));

  const prismPort = await freePort();
  const started = performance.now();
  const prism = startPrism(description, prismPort);
  try {
    await untilAnswering(prism, prismPort);
  } catch (error) {
    prism.child.kill();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const startMs = Math.round(performance.now() - started);

  const served: Served[] = [];
  const proxy = createServer((req, res) => {
    forward(req, res, prismPort, served).catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`GitHub mock proxy: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  return {
    startMs,
    baseUrl: (prefer) => `${origin}${prefer ? `/prefer/${encodeURIComponent(prefer)}` : ''}${API_ROOT}`,
    take: () => served.splice(0),
    async close() {
      await closeServer(proxy);
      await stopPrism(prism.child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface Prism {
  child: ChildProcess;
  /** The end of what Prism printed, for the error when it fails to start. */
  output: () => string;
}

function startPrism(description: string, port: number): Prism {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
  // Static mode: answers are the description's examples. Prism answers a request that breaks the
  // description with a 422 or 400 whatever the flags; --errors also turns an example that breaks the
  // description's schema into a 500, so no answer the connector maps is off-schema.
  // Prism has no telemetry, and the description no callbacks or remote $refs: it calls out to nothing.
  const child = spawn(
    process.execPath,
    [cli, 'mock', description, '--errors', '-h', '127.0.0.1', '-p', String(port), '-v', 'warn'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  // Should the test process die without its afterAll, Prism goes with it.
  process.once('exit', () => child.kill());
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => tail };
}

async function untilAnswering(prism: Prism, port: number, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (prism.child.exitCode !== null) {
      throw new Error(`Prism exited with code ${prism.child.exitCode}:\n${prism.output()}`);
    }
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/rate_limit`);
      await answer.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Prism did not answer within ${timeoutMs} ms:\n${prism.output()}`);
}

async function forward(req: IncomingMessage, res: ServerResponse, prismPort: number, served: Served[]): Promise<void> {
  const here = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const prefixed = /^\/prefer\/([^/]+)(\/.*)$/.exec(here.pathname);
  const prefer = prefixed?.[1] ? decodeURIComponent(prefixed[1]) : undefined;
  const below = prefixed?.[2] ?? here.pathname;
  if (!below.startsWith(`${API_ROOT}/`)) {
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ message: `Not under ${API_ROOT}` }));
    return;
  }
  const path = below.slice(API_ROOT.length);
  const requestBody = await readAll(req);

  // Octokit asks for GitHub's media type (application/vnd.github.v3+json), which GitHub serves as JSON;
  // the description lists only application/json and Prism does not match the +json suffix to it (406).
  const accept = req.headers.accept?.replace(/application\/vnd\.github(\.[\w-]+)?\+json/g, 'application/json');
  const headers = { ...req.headers, accept, host: `127.0.0.1:${prismPort}`, ...(prefer ? { prefer } : {}) };
  const answer = await new Promise<IncomingMessage>((resolve, reject) => {
    const upstream = request(
      { host: '127.0.0.1', port: prismPort, method: req.method, path: `${path}${here.search}`, headers },
      resolve,
    );
    upstream.on('error', reject);
    upstream.end(requestBody);
  });
  const responseBody = await readAll(answer);

  served.push({
    method: req.method ?? 'GET',
    path,
    query: Object.fromEntries(here.searchParams),
    body: requestBody.length > 0 ? JSON.parse(requestBody.toString()) : undefined,
    status: answer.statusCode ?? 0,
    violations: violationsOf(answer, responseBody),
  });

  const outHeaders = { ...answer.headers };
  const link = outHeaders.link;
  if (typeof link === 'string') outHeaders.link = onLoopback(link, here);
  const location = outHeaders.location;
  if (typeof location === 'string') {
    outHeaders.location = location.replace(
      /^https?:\/\/[^/]+/,
      `${here.origin}${prefixed ? `/prefer/${prefixed[1]}` : ''}${API_ROOT}`,
    );
  }
  res.writeHead(answer.statusCode ?? 502, outHeaders).end(responseBody);
}

/**
 * Prism repeats the description's example Link header on every page: next is page 2 and last is page 5,
 * both at https://api.github.com/resource, which Octokit would follow off the machine. Points every
 * link at the same request on this proxy instead, and makes next the page after this one until the last,
 * so paginated actions walk pages 1 to 5 of the mock and then stop, as they would on GitHub.
 */
function onLoopback(link: string, here: URL): string {
  const links = [...link.matchAll(/<([^>]+)>;\s*rel="([^"]+)"/g)].map(([, url = '', rel = '']) => ({
    rel,
    page: Number(new URL(url).searchParams.get('page') ?? '1'),
  }));
  const page = Number(here.searchParams.get('page') ?? '1');
  const last = links.find((l) => l.rel === 'last')?.page ?? page;
  return links
    .filter((l) => l.rel !== 'next' || page < last)
    .map(({ rel, page: target }) => {
      const url = new URL(here);
      url.searchParams.set('page', String(rel === 'next' ? page + 1 : target));
      return `<${url}>; rel="${rel}"`;
    })
    .join(', ');
}

/**
 * Prism names violations in an `sl-violations` header; when the operation declares no 4xx answer for an
 * invalid request, it sends them in a problem+json body instead.
 */
function violationsOf(answer: IncomingMessage, body: Buffer): Violation[] {
  const header = answer.headers['sl-violations'];
  // Prism cuts an overlong header short after "Too many violations!", which is then no JSON.
  if (typeof header === 'string' && header.startsWith('Too many')) {
    return [{ location: [], severity: 'Error', code: 'truncated', message: header }];
  }
  if (typeof header === 'string') return JSON.parse(header) as Violation[];
  if (answer.headers['content-type'] !== 'application/problem+json') return [];
  const problem = JSON.parse(body.toString()) as { validation?: Violation[] };
  return problem.validation ?? [];
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function stopPrism(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}
