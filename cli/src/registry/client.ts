import type { ConnectorEntry, SearchQuery, SearchResult } from '@mova/registry';
import { sha512Integrity } from '@mova/runtime/lockfile';
import {
  encodePackageName,
  type Packument,
  type PackumentVersion,
  type RegistryAnswer,
  RegistryClient,
  type RegistryRequest,
  sha512Of,
} from '@mova/runtime/registry';
import { UserError } from '../user-error.js';
import { type RegistryConfig, resolveRegistry } from './config.js';
import { readManifestFromTarball } from './tarball-manifest.js';

function errorText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (typeof message === 'string' && message) return message;
  return typeof error === 'string' && error ? error : undefined;
}

/**
 * A MOVA registry as the CLI's commands see it: the runtime's npm {@link RegistryClient} (package
 * documents, tarballs, bounded and redirect-safe) plus accounts, deprecation and the marketplace
 * API under `/-/mova/v1/`. A refusal is a {@link UserError} that says what to do; an unreachable
 * registry is the runtime's `RegistryError`, which the CLI prints with its hint.
 * @example
 * const registry = await MovaRegistry.fromFlags({ registry: flags.registry });
 * const hits = await registry.search({ q: 'issue', limit: 5 });
 */
export class MovaRegistry {
  readonly client: RegistryClient;

  constructor(readonly config: RegistryConfig) {
    this.client = new RegistryClient({ url: config.url, ...(config.token ? { token: config.token } : {}) });
  }

  /** A client for the registry and token the flags, MOVA_REGISTRY(_TOKEN), ~/.movarc and .npmrc name. */
  static async fromFlags(flags: { registry?: string; token?: string }): Promise<MovaRegistry> {
    return new MovaRegistry(await resolveRegistry(flags));
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
    const json = { _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [] };
    let answer = await this.send(path, { method: 'PUT', json, authorization: false });
    let created = true;
    if (answer.status === 409) {
      // The name is taken: the same request with the password as credentials logs in instead.
      const basic = Buffer.from(`${name}:${password}`).toString('base64');
      answer = await this.send(path, { method: 'PUT', json, authorization: `Basic ${basic}` });
      created = false;
    }
    if (answer.status === 401) {
      throw new UserError(
        `wrong password for "${name}" at ${this.url}`,
        'The name is taken: check the password, or pick another name to create a new account.',
        1,
      );
    }
    if (!answer.ok) throw this.refused(answer, `creating or logging in "${name}"`);
    const token = (answer.body as { token?: unknown } | undefined)?.token;
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
    const answer = await this.send('-/whoami');
    if (answer.status === 401) return undefined;
    if (!answer.ok) throw this.refused(answer, 'asking who is logged in');
    const username = (answer.body as { username?: unknown } | undefined)?.username;
    return typeof username === 'string' && username ? username : undefined;
  }

  /** Searches the marketplace (`GET /-/mova/v1/connectors`). */
  async search(query: SearchQuery): Promise<SearchResult> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const answer = await this.send(`-/mova/v1/connectors?${params}`, { authorization: false });
    if (!answer.ok) throw this.refused(answer, 'searching the marketplace');
    return answer.body as SearchResult;
  }

  /** A listed connector with every version (`GET /-/mova/v1/connectors/<name>`); undefined when not listed. */
  async connector(name: string): Promise<ConnectorEntry | undefined> {
    const answer = await this.send(`-/mova/v1/connectors/${encodePackageName(name)}`, { authorization: false });
    if (answer.status === 404) return undefined;
    if (!answer.ok) throw this.refused(answer, `reading ${name} from the marketplace`);
    return answer.body as ConnectorEntry;
  }

  /** The full package document (with the token, when there is one); undefined when there is no such package. */
  packument(name: string): Promise<Packument | undefined> {
    return this.client.packument(name, { full: true });
  }

  /** A version's tarball, checked against the sha512 the registry lists for it. */
  async tarball(version: PackumentVersion): Promise<Buffer> {
    const bytes = await this.client.tarball(version.dist.tarball);
    const expected = sha512Of(version);
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
   * `npm deprecate` does: the package document goes back with the message on each version. The
   * document is read again unparsed, so versions MOVA would not install go back untouched.
   */
  async deprecate(name: string, versions: readonly string[], message: string): Promise<void> {
    const authorization = `Bearer ${this.requireToken()}`;
    const path = encodePackageName(name);
    const read = await this.send(`${path}?write=true`, { authorization });
    if (!read.ok) throw this.refused(read, `reading ${name}`);
    const document = read.body as { versions?: Record<string, { deprecated?: string }> } | undefined;
    for (const version of versions) {
      const metadata = document?.versions?.[version];
      if (metadata) metadata.deprecated = message;
    }
    const written = await this.send(path, { method: 'PUT', json: document, authorization });
    if (!written.ok) throw this.refused(written, `deprecating ${name}`);
  }

  /** The registry's own words for a refusal, with what to do about it. */
  refused(answer: RegistryAnswer, doing: string): UserError {
    const reason = errorText(answer.body) ?? answer.statusText;
    if (answer.status === 401) {
      return new UserError(
        `${this.url} refused ${doing}: ${this.token ? 'the token is not valid (expired, or from another registry)' : 'not logged in'}`,
        `Run \`mova-connector login --registry ${this.url}\`.`,
        1,
      );
    }
    if (answer.status === 403) {
      return new UserError(`${this.url} refused ${doing} (403): ${reason}`, undefined, 1);
    }
    return new UserError(
      `${this.url} answered ${answer.status} ${doing}: ${reason}`,
      answer.status >= 500 ? 'The registry failed; try again, or ask its admin.' : undefined,
      1,
    );
  }

  private send(path: string, request: RegistryRequest = {}): Promise<RegistryAnswer> {
    return this.client.send(path, request);
  }
}
