import { STATUS_CODES } from 'node:http';
import type { Dispatcher } from 'undici';
import { loadUndici } from '../undici.js';
import type { Packument } from './packument.js';
import { SourceError } from './types.js';

/** Where an npm registry is, and the token to read it with (private registries need one). */
export interface RegistryOptions {
  /** e.g. `http://127.0.0.1:4873/`; a missing trailing slash is added. */
  url: string;
  /** Sent as `Authorization: Bearer …`, only to the registry's own origin. */
  token?: string;
  /** The most one request may take (default 60 s). */
  timeoutMs?: number;
}

/** The registry could not be reached, refused, or answered with something that is not a package. */
export class RegistryError extends SourceError {
  constructor(
    message: string,
    hint: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, hint, options);
  }
}

// Connector tarballs are one bundle and a manifest; these bounds keep a hostile server from filling memory.
const MAX_TARBALL_BYTES = 64 * 1024 * 1024;
const MAX_PACKUMENT_BYTES = 32 * 1024 * 1024;
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
const ABBREVIATED = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8';

/** A request to the registry's own API (accounts, writes, the marketplace), relative to its URL. */
export interface RegistryRequest {
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Replaces the client's token for this request; `false` sends none. */
  authorization?: string | false;
  signal?: AbortSignal;
}

/** The registry's answer: its status and its JSON body (`{ error }` with the text when a refusal is not JSON). */
export interface RegistryAnswer {
  status: number;
  statusText: string;
  ok: boolean;
  body: unknown;
}

interface Transport {
  request: typeof import('undici').request;
  dispatcher: Dispatcher;
}

/**
 * Talks the npm registry protocol: package documents and tarballs, with an optional bearer token.
 * Redirects are followed (tarballs often live on a CDN); the token never leaves the registry's origin.
 * @example
 * const client = new RegistryClient({ url: 'http://127.0.0.1:4873/' });
 * const packument = await client.packument('@mova/connector-github');
 */
export class RegistryClient {
  readonly url: string;
  private readonly token: string | undefined;
  private readonly timeoutMs: number;
  private transport?: Promise<Transport>;

  constructor(options: RegistryOptions) {
    this.url = normalizeRegistryUrl(options.url);
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /**
   * The package document, or undefined when the registry does not have the package (404). Installing
   * needs only the abbreviated form; `full` asks for everything (publish times, each version's
   * `package.json`), as publishing and `info` do.
   */
  async packument(
    name: string,
    options: { signal?: AbortSignal; full?: boolean } = {},
  ): Promise<Packument | undefined> {
    const url = `${this.url}${encodePackageName(name)}${options.full ? '?write=true' : ''}`;
    const accept = options.full ? 'application/json' : ABBREVIATED;
    const { status, body } = await this.exchange(url, { accept }, MAX_PACKUMENT_BYTES, options.signal);
    if (status === 404) return undefined;
    this.check(status, url, `the package document of ${name}`);
    let document: unknown;
    try {
      document = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new RegistryError(
        `${this.url} answered ${url} with something that is not JSON`,
        'Check --registry.',
        status,
        {
          cause: error,
        },
      );
    }
    // The checker (and its semver) at the first package document: `@mova/runtime` loads this client
    // with `RegistrySource` for every run, most of which ask no registry anything.
    const { parsePackument } = await import('./packument.js');
    return parsePackument(document, name, this.url);
  }

  /** The bytes at a tarball URL; the caller verifies them before using any. */
  async tarball(url: string, options: { signal?: AbortSignal } = {}): Promise<Buffer> {
    const { status, body } = await this.exchange(
      url,
      { accept: 'application/octet-stream' },
      MAX_TARBALL_BYTES,
      options.signal,
    );
    this.check(status, url, 'the tarball');
    return body;
  }

  /**
   * Any other call to the registry (`-/whoami`, `-/user/…`, a package document written back, the
   * marketplace API): the caller reads the status, this client only transports. A 2xx answer that
   * is not JSON is refused, since no registry API answers so.
   * @example
   * const { ok, body } = await client.send('-/whoami');
   */
  async send(path: string, options: RegistryRequest = {}): Promise<RegistryAnswer> {
    const url = new URL(path, this.url).href;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const { status, body } = await this.exchange(url, headers, MAX_ANSWER_BYTES, options.signal, {
      method: options.method ?? 'GET',
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      authorization: options.authorization,
    });
    const text = body.toString('utf8');
    const ok = status >= 200 && status < 300;
    const answer = { status, statusText: STATUS_CODES[status] ?? '', ok };
    if (!text) return { ...answer, body: undefined };
    try {
      return { ...answer, body: JSON.parse(text) };
    } catch (error) {
      if (ok) {
        throw new RegistryError(
          `${this.url} answered ${url} with something that is not JSON`,
          'Check --registry.',
          status,
          {
            cause: error,
          },
        );
      }
      return { ...answer, body: { error: text.slice(0, 200) } };
    }
  }

  /** Loaded on the first request: a run whose connectors are all in the store never loads undici. */
  private connect(): Promise<Transport> {
    this.transport ??= loadUndici().then(({ module, agent }) => ({
      request: module.request,
      dispatcher: agent.compose(module.interceptors.redirect({ maxRedirections: 5 })),
    }));
    return this.transport;
  }

  private async exchange(
    url: string,
    headers: Record<string, string>,
    limit: number,
    signal: AbortSignal | undefined,
    write: { method: string; body: string | undefined; authorization: string | false | undefined } = {
      method: 'GET',
      body: undefined,
      authorization: undefined,
    },
  ): Promise<{ status: number; body: Buffer }> {
    const sent: Record<string, string> = { ...headers, 'user-agent': 'mova-runtime' };
    // The token is for this registry only, never for a tarball host elsewhere.
    if (write.authorization) sent.authorization = write.authorization;
    else if (write.authorization === undefined && this.token && sameOrigin(url, this.url)) {
      sent.authorization = `Bearer ${this.token}`;
    }
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      const { request, dispatcher } = await this.connect();
      const response = await request(url, {
        method: write.method as Dispatcher.HttpMethod,
        headers: sent,
        body: write.body,
        dispatcher,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += chunk.length;
        if (size > limit) {
          response.body.destroy();
          throw new RegistryError(
            `${url} is larger than ${limit / 1024 / 1024} MiB`,
            'A connector package is a manifest and one bundle; check that this is the right package and registry.',
          );
        }
        chunks.push(chunk);
      }
      return { status: response.statusCode, body: Buffer.concat(chunks) };
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        throw new RegistryError(
          `${this.url} did not answer ${url} within ${this.timeoutMs / 1000} s`,
          'Check that the registry is up, or try again.',
          undefined,
          { cause: error },
        );
      }
      throw new RegistryError(
        `cannot reach the registry ${this.url} (${reasonOf(error)})`,
        'Check that the registry is running and that --registry (or MOVA_REGISTRY) points at it.',
        undefined,
        { cause: error },
      );
    }
  }

  private check(status: number, url: string, what: string): void {
    if (status >= 200 && status < 300) return;
    if (status === 401 || status === 403) {
      throw new RegistryError(
        `${this.url} refused to give ${what} (${status}) at ${url}`,
        'The registry needs a token for this package: log in (mova-connector login) or set MOVA_REGISTRY_TOKEN.',
        status,
      );
    }
    if (status === 404) {
      throw new RegistryError(
        `${this.url} has no ${what} at ${url} (404)`,
        'The registry lost it; ask its admin.',
        404,
      );
    }
    throw new RegistryError(
      `${this.url} answered ${status} for ${what} at ${url}`,
      status >= 500 ? 'The registry failed; try again, or ask its admin.' : 'Check --registry.',
      status,
    );
  }
}

/** `http://host:4873` and `http://host:4873/` name one registry; tokens and lockfiles use the slash form. */
export function normalizeRegistryUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** `@scope/name` is requested as `@scope%2fname`, as npm does. */
export function encodePackageName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

function sameOrigin(a: string, b: string): boolean {
  return URL.canParse(a) && URL.canParse(b) && new URL(a).origin === new URL(b).origin;
}

/** Node reports a refused connection to every address of a host as an AggregateError with an empty message. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ');
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message || (code ?? error.name);
  }
  return String(error);
}
