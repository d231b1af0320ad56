import type { ConnectorEntry, SearchQuery, SearchResult } from '@mova/registry';
import { sha512Integrity, RegistryClient as TarballClient } from '@mova/runtime';
import { UserError } from '../user-error.js';
import { type RegistryConfig, resolveRegistry } from './config.js';
import { readManifestFromTarball } from './tarball-manifest.js';

/** One version in a package document, as the npm protocol carries it. */
export interface PackumentVersion {
  name: string;
  version: string;
  deprecated?: string;
  dist: { tarball: string; shasum?: string; integrity?: string };
  _npmUser?: { name?: string };
  [key: string]: unknown;
}

/** A package document ("packument"): every version's metadata, the dist-tags and publish times. */
export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, PackumentVersion>;
  time?: Record<string, string>;
  [key: string]: unknown;
}

const TIMEOUT_MS = 60_000;

/** `@scope/name` travels as `@scope%2fname`, as npm sends it. */
export function encodePackageName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

function errorText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (typeof message === 'string' && message) return message;
  return typeof error === 'string' && error ? error : undefined;
}

function reasonOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  if (cause instanceof AggregateError) {
    return [...new Set(cause.errors.map((e: NodeJS.ErrnoException) => e.code ?? e.message))].join(', ');
  }
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Talks to a MOVA registry: the npm protocol (accounts, package documents, tarballs, deprecation)
 * and the marketplace API under `/-/mova/v1/`. Every failure is a {@link UserError} that says what
 * to do: an unreachable registry, a missing or refused token, a refused write with the registry's
 * own reason.
 * @example
 * const client = await RegistryClient.fromFlags({ registry: flags.registry });
 * const hits = await client.search({ q: 'issue', limit: 5 });
 */
export class RegistryClient {
  constructor(readonly config: RegistryConfig) {}

  /** A client for the registry and token the flags, MOVA_REGISTRY(_TOKEN) and ~/.movarc name. */
  static async fromFlags(flags: { registry?: string; token?: string }): Promise<RegistryClient> {
    return new RegistryClient(await resolveRegistry(flags));
  }

  get url(): string {
    return this.config.url;
  }

  get token(): string | undefined {
    return this.config.token;
  }

  /** The token, or a "log in first" error naming this registry. */
  requireToken(): string {
    if (this.config.token) return this.config.token;
    throw new UserError(
      `not logged in to ${this.url}`,
      `Run \`mova-connector login --registry ${this.url}\`, or set MOVA_REGISTRY_TOKEN.`,
      1,
    );
  }

  /**
   * Creates an account, or logs in to an existing one, as `npm adduser` does; returns a new token.
   * `created` says which happened.
   */
  async addUser(name: string, password: string): Promise<{ token: string; created: boolean }> {
    const path = `-/user/org.couchdb.user:${encodeURIComponent(name)}`;
    const body = JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [] });
    const headers = { 'content-type': 'application/json' };
    let response = await this.request(path, { method: 'PUT', headers, body });
    let created = true;
    if (response.status === 409) {
      // The name is taken: the same request with the password as credentials logs in instead.
      const basic = Buffer.from(`${name}:${password}`).toString('base64');
      response = await this.request(path, {
        method: 'PUT',
        headers: { ...headers, authorization: `Basic ${basic}` },
        body,
      });
      created = false;
    }
    const answer = await this.json(response);
    if (response.status === 401) {
      throw new UserError(
        `wrong password for "${name}" at ${this.url}`,
        'The name is taken: check the password, or pick another name to create a new account.',
        1,
      );
    }
    if (!response.ok) throw this.refused(response, answer, `creating or logging in "${name}"`);
    const token = (answer as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || !token) {
      throw new UserError(
        `${this.url} answered without a token`,
        'Check that --registry points at a MOVA or npm registry.',
        1,
      );
    }
    return { token, created };
  }

  /** Who the token belongs to; undefined without a token, or when the registry does not accept it. */
  async whoami(): Promise<string | undefined> {
    if (!this.token) return undefined;
    const response = await this.request('-/whoami', { headers: this.authHeaders() });
    const answer = await this.json(response);
    if (response.status === 401) return undefined;
    if (!response.ok) throw this.refused(response, answer, 'asking who is logged in');
    const username = (answer as { username?: unknown } | undefined)?.username;
    return typeof username === 'string' && username ? username : undefined;
  }

  /** Searches the marketplace (`GET /-/mova/v1/connectors`). */
  async search(query: SearchQuery): Promise<SearchResult> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const response = await this.request(`-/mova/v1/connectors?${params}`);
    const answer = await this.json(response);
    if (!response.ok) throw this.refused(response, answer, 'searching the marketplace');
    return answer as SearchResult;
  }

  /** A listed connector with every version (`GET /-/mova/v1/connectors/<name>`); undefined when not listed. */
  async connector(name: string): Promise<ConnectorEntry | undefined> {
    const response = await this.request(`-/mova/v1/connectors/${encodePackageName(name)}`);
    const answer = await this.json(response);
    if (response.status === 404) return undefined;
    if (!response.ok) throw this.refused(response, answer, `reading ${name} from the marketplace`);
    return answer as ConnectorEntry;
  }

  /** The full package document (with the token, when there is one); undefined when there is no such package. */
  async packument(name: string): Promise<Packument | undefined> {
    const response = await this.request(`${encodePackageName(name)}?write=true`, { headers: this.authHeaders() });
    const answer = await this.json(response);
    if (response.status === 404) return undefined;
    if (!response.ok) throw this.refused(response, answer, `reading ${name}`);
    const document = answer as Packument | undefined;
    if (!document || typeof document.versions !== 'object' || document.versions === null) {
      throw new UserError(
        `${this.url} answered for ${name} with no "versions"`,
        'Check that --registry points at an npm registry.',
        1,
      );
    }
    return document;
  }

  /**
   * A version's tarball, checked against the integrity the registry lists for it. The runtime's
   * client fetches it: redirects to a tarball host followed, the token kept to the registry, the
   * size bounded.
   */
  async tarball(version: PackumentVersion): Promise<Buffer> {
    const download = new TarballClient({ url: this.url, ...(this.token ? { token: this.token } : {}) });
    const bytes = await download.tarball(version.dist.tarball);
    const expected = version.dist.integrity?.split(/\s+/).find((token) => token.startsWith('sha512-'));
    if (expected && sha512Integrity(bytes) !== expected) {
      throw new UserError(
        `the tarball of ${version.name}@${version.version} does not match its integrity ${expected}`,
        'The download was damaged or the registry storage changed; try again, or ask the registry admin.',
        1,
      );
    }
    return bytes;
  }

  /** The `mova.manifest.json` a published version carries; undefined when it has none. */
  async manifestOf(version: PackumentVersion): Promise<unknown> {
    return readManifestFromTarball(await this.tarball(version), `${version.name}@${version.version}`);
  }

  /**
   * Sets (or, with an empty message, clears) the deprecation message of the given versions, as
   * `npm deprecate` does: the package document goes back with the message on each version.
   */
  async deprecate(packument: Packument, versions: readonly string[], message: string): Promise<void> {
    const document = structuredClone(packument);
    for (const version of versions) {
      const metadata = document.versions[version];
      if (metadata) metadata.deprecated = message;
    }
    const response = await this.request(encodePackageName(packument.name), {
      method: 'PUT',
      headers: { ...this.authHeaders(this.requireToken()), 'content-type': 'application/json' },
      body: JSON.stringify(document),
    });
    if (!response.ok) throw this.refused(response, await this.json(response), `deprecating ${packument.name}`);
  }

  /** The registry's own words for a refusal, with what to do about it. */
  refused(response: Response, body: unknown, doing: string): UserError {
    const reason = errorText(body) ?? response.statusText;
    if (response.status === 401) {
      return new UserError(
        `${this.url} refused ${doing}: ${this.token ? 'the token is not valid (expired, or from another registry)' : 'not logged in'}`,
        `Run \`mova-connector login --registry ${this.url}\`.`,
        1,
      );
    }
    if (response.status === 403) {
      return new UserError(`${this.url} refused ${doing} (403): ${reason}`, undefined, 1);
    }
    return new UserError(
      `${this.url} answered ${response.status} ${doing}: ${reason}`,
      response.status >= 500 ? 'The registry failed; try again, or ask its admin.' : undefined,
      1,
    );
  }

  private authHeaders(token = this.token): Record<string, string> {
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(path, this.url);
    // The token is for this registry only, never for a tarball host elsewhere.
    const headers = new Headers(init.headers);
    if (url.origin !== new URL(this.url).origin) headers.delete('authorization');
    try {
      return await fetch(url, { ...init, headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new UserError(
          `${this.url} did not answer within ${TIMEOUT_MS / 1000} s`,
          'Check that the registry is up, or try again.',
          1,
        );
      }
      throw new UserError(
        `cannot reach the registry at ${this.url} (${reasonOf(error)})`,
        'Is it running? Start one with `mova-connector registry start`, or point --registry (or MOVA_REGISTRY) at one.',
        1,
      );
    }
  }

  private async json(response: Response): Promise<unknown> {
    const text = await response.text();
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      if (response.ok) {
        throw new UserError(
          `${this.url} answered with something that is not JSON`,
          'Check that --registry points at a MOVA registry.',
          1,
        );
      }
      return { error: text.slice(0, 200) };
    }
  }
}
