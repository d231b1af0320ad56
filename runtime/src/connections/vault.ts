import { readFile } from 'node:fs/promises';
import { isRecord } from '../is-record.js';
import { type Connection, ConnectionError, type ConnectionProvider } from './connections.js';
import { type TokenSet, type TokenWrite, withTokens } from './token-set.js';

// Check-and-set writes that lose to another writer are tried again from a fresh read, this often.
const CAS_TRIES = 5;

/** Where one connection's secret lives in Vault's KV version 2 secrets engine. */
export interface VaultSecretRef {
  /** The connector it is for (`github`, `@acme/connector-crm`); else the secret holds `connector` and `auth`. */
  connector?: string;
  /** The KV v2 mount, e.g. `secret`. */
  mount: string;
  /** The secret's path under the mount, e.g. `mova/github-prod`. */
  path: string;
  /** A version of the secret to read; the newest when left out. */
  version?: number;
}

/** How to sign in to Vault: a token, or AppRole (role id and secret id, at the `approle` mount unless named). */
export type VaultAuth = { token: string } | { appRole: { roleId: string; secretId: string; mount?: string } };

export interface VaultOptions {
  /** `https://vault.example.com:8200`. */
  address: string;
  auth: VaultAuth;
  /** Vault Enterprise namespace, sent as X-Vault-Namespace. */
  namespace?: string;
  /** Connection name → its secret. Names not listed are not Vault's to give. */
  connections: Record<string, VaultSecretRef>;
  /** For tests and proxies; the global fetch (undici) otherwise. */
  fetch?: typeof fetch;
}

/**
 * Connections read from HashiCorp Vault's KV v2 engine, over its HTTP API: a listed name's secret
 * is read at `GET /v1/<mount>/data/<path>` when a step needs it, never cached, so a rotated secret
 * is used from the next step on. The secret's data are the connection's auth fields (or
 * `{ connector, auth }`). Signs in with a token, or with AppRole (`POST /v1/auth/approle/login`),
 * keeping the client token in memory only and signing in again once when Vault refuses it (expired).
 * OAuth2 tokens a run refreshed are written back as a new version of the secret, with Vault's
 * check-and-set so a concurrent writer's version is read again rather than overwritten (the token
 * then needs "create" and "update" on the path); a pinned `version` is never written.
 * Errors name the connection, the mount and the path, never a secret value.
 * @example
 * const vault = vaultConnections({
 *   address: 'https://vault.example.com:8200',
 *   auth: { appRole: { roleId, secretId } },
 *   connections: { 'github-prod': { connector: 'github', mount: 'secret', path: 'mova/github-prod' } },
 * });
 */
export function vaultConnections(options: VaultOptions): ConnectionProvider {
  const doFetch = options.fetch ?? fetch;
  const base = options.address.replace(/\/+$/, '');
  let token: Promise<string> | undefined;
  const headers = (extra: Record<string, string> = {}) => ({
    accept: 'application/json',
    ...(options.namespace ? { 'x-vault-namespace': options.namespace } : {}),
    ...extra,
  });
  const call = async (path: string, init: RequestInit, what: string): Promise<Response> => {
    try {
      return await doFetch(`${base}${path}`, init);
    } catch (error) {
      throw new ConnectionError(
        `cannot reach Vault at ${base} to ${what}: ${(error as Error).message}`,
        'Check MOVA_VAULT_ADDR (or "address" in the Vault config) and that Vault is running.',
      );
    }
  };
  const signIn = async (): Promise<string> => {
    const { auth } = options;
    if ('token' in auth) return auth.token;
    const mount = auth.appRole.mount ?? 'approle';
    const response = await call(
      `/v1/auth/${encodePath(mount)}/login`,
      {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json' }),
        body: JSON.stringify({ role_id: auth.appRole.roleId, secret_id: auth.appRole.secretId }),
      },
      'sign in with AppRole',
    );
    const body = await json(response);
    const clientToken = isRecord(body) && isRecord(body.auth) ? body.auth.client_token : undefined;
    if (!response.ok || typeof clientToken !== 'string') {
      throw new ConnectionError(
        `Vault refused the AppRole sign-in at auth/${mount} (HTTP ${response.status}${vaultErrors(body)})`,
        'Check MOVA_VAULT_ROLE_ID and MOVA_VAULT_SECRET_ID (secret ids expire and may be single-use).',
      );
    }
    return clientToken;
  };
  /** The secret's data and its KV v2 version (for check-and-set writes). */
  const read = async (
    name: string,
    ref: VaultSecretRef,
    again: boolean,
  ): Promise<{ data: Record<string, unknown>; version: number }> => {
    token ??= signIn();
    let current: string;
    try {
      current = await token;
    } catch (error) {
      token = undefined;
      throw error;
    }
    const query = ref.version === undefined ? '' : `?version=${ref.version}`;
    const where = `${ref.mount}/data/${ref.path}`;
    const response = await call(
      `/v1/${encodePath(ref.mount)}/data/${encodePath(ref.path)}${query}`,
      { method: 'GET', headers: headers({ 'x-vault-token': current }) },
      `read connection "${name}"`,
    );
    const body = await json(response);
    if (response.status === 403 && !again && !('token' in options.auth)) {
      token = undefined; // the AppRole token expired: sign in again, once
      return read(name, ref, true);
    }
    if (response.status === 404) {
      throw new ConnectionError(
        `connection "${name}": Vault has no secret at ${where}`,
        `Write it with \`vault kv put -mount=${ref.mount} ${ref.path} <field>=<value> ...\`, or fix the path in the Vault config.`,
      );
    }
    if (!response.ok) {
      throw new ConnectionError(
        `connection "${name}": Vault refused to read ${where} (HTTP ${response.status}${vaultErrors(body)})`,
        response.status === 403
          ? 'Give the token or AppRole a policy with "read" on this path (KV v2 paths include data/).'
          : 'Check the mount (a KV version 2 engine) and the path.',
      );
    }
    const data = isRecord(body) && isRecord(body.data) ? body.data.data : undefined;
    if (!isRecord(data)) {
      throw new ConnectionError(
        `connection "${name}": ${where} holds no KV v2 data`,
        'The mount must be a KV version 2 secrets engine.',
      );
    }
    const metadata = isRecord(body) && isRecord(body.data) ? body.data.metadata : undefined;
    const version = isRecord(metadata) && typeof metadata.version === 'number' ? metadata.version : 0;
    return { data, version };
  };
  /** A KV v2 write that applies only if the secret is still at `version`; false when another writer came first. */
  const write = async (name: string, ref: VaultSecretRef, data: Record<string, unknown>, version: number) => {
    token ??= signIn();
    const where = `${ref.mount}/data/${ref.path}`;
    const response = await call(
      `/v1/${encodePath(ref.mount)}/data/${encodePath(ref.path)}`,
      {
        method: 'POST',
        headers: headers({ 'x-vault-token': await token, 'content-type': 'application/json' }),
        body: JSON.stringify({ options: { cas: version }, data }),
      },
      `store refreshed tokens of connection "${name}"`,
    );
    const body = await json(response);
    if (response.ok) return true;
    if (response.status === 400 && vaultErrors(body).includes('check-and-set')) return false;
    throw new ConnectionError(
      `connection "${name}": Vault refused to write ${where} (HTTP ${response.status}${vaultErrors(body)})`,
      response.status === 403
        ? 'Give the token or AppRole a policy with "create" and "update" on this path, so refreshed OAuth2 tokens are stored.'
        : 'Check the mount (a KV version 2 engine) and the path.',
    );
  };
  return {
    async get(name) {
      const ref = Object.hasOwn(options.connections, name) ? options.connections[name] : undefined;
      if (!ref) return undefined;
      return toConnection(name, ref, (await read(name, ref, false)).data);
    },
    async saveTokens(name: string, tokens: TokenSet): Promise<TokenWrite> {
      const ref = Object.hasOwn(options.connections, name) ? options.connections[name] : undefined;
      // A pinned version is read as it is: a newer one written now would never be used.
      if (!ref || ref.version !== undefined) return 'unsupported';
      for (let attempt = 0; attempt < CAS_TRIES; attempt++) {
        const { data, version } = await read(name, ref, false);
        const whole = typeof data.connector === 'string' && isRecord(data.auth);
        const auth = whole && isRecord(data.auth) ? data.auth : data;
        const next = withTokens(auth, tokens);
        if (!next) return 'kept';
        if (await write(name, ref, whole ? { ...data, auth: next } : next, version)) return 'saved';
      }
      throw new ConnectionError(
        `connection "${name}": ${ref.mount}/data/${ref.path} kept changing while refreshed tokens were stored (${CAS_TRIES} tries)`,
        'The refreshed tokens were not stored; the next run refreshes again.',
      );
    },
    async names() {
      return Object.keys(options.connections);
    },
  };
}

function toConnection(name: string, ref: VaultSecretRef, data: unknown): Connection {
  if (isRecord(data) && typeof data.connector === 'string' && isRecord(data.auth)) {
    return { connector: ref.connector ?? data.connector, auth: data.auth };
  }
  if (!ref.connector || !isRecord(data)) {
    throw new ConnectionError(
      `connection "${name}": the Vault config names no connector, and ${ref.mount}/${ref.path} holds no "connector" and "auth"`,
      'Add "connector" to the connection in the Vault config; the secret then holds the auth fields.',
    );
  }
  return { connector: ref.connector, auth: data };
}

/** Each segment of a Vault path escaped; the slashes between them kept. */
function encodePath(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map(encodeURIComponent)
    .join('/');
}

async function json(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Vault's `errors` list, which names the problem and never a secret. */
function vaultErrors(body: unknown): string {
  const errors = isRecord(body) && Array.isArray(body.errors) ? body.errors.filter((e) => typeof e === 'string') : [];
  return errors.length > 0 ? `: ${errors.join('; ')}` : '';
}

/**
 * Reads a Vault config file (`--vault`): `{ "address"?, "namespace"?, "appRole"?: { "roleId"?, "mount"? },
 * "connections": { "<name>": { "connector", "mount", "path", "version"? } } }`. Secrets come from
 * the environment only: `MOVA_VAULT_TOKEN`, or `MOVA_VAULT_ROLE_ID` (or the file's roleId) with
 * `MOVA_VAULT_SECRET_ID`; the address from `MOVA_VAULT_ADDR` when the file has none. Given
 * `process.env`, the token and secret id are moved out of it, as connection variables are.
 */
export async function loadVaultConfig(file: string, env: Record<string, string | undefined>): Promise<VaultOptions> {
  let document: unknown;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConnectionError(
      `cannot read the Vault config ${file}: ${(error as Error).message}`,
      'Check the path and its JSON.',
    );
  }
  const example =
    '{ "address": "https://vault:8200", "connections": { "github-prod": { "connector": "github", "mount": "secret", "path": "mova/github-prod" } } }';
  if (!isRecord(document) || !isRecord(document.connections)) {
    throw new ConnectionError(`the Vault config ${file} has no "connections" object`, `Write ${example}.`);
  }
  const connections: Record<string, VaultSecretRef> = {};
  for (const [name, value] of Object.entries(document.connections)) {
    if (!isRecord(value) || typeof value.mount !== 'string' || typeof value.path !== 'string') {
      throw new ConnectionError(
        `the Vault config ${file}: connection "${name}" needs "mount" and "path"`,
        `Write ${example}.`,
      );
    }
    const ref: VaultSecretRef = { mount: value.mount, path: value.path };
    if (typeof value.connector === 'string') ref.connector = value.connector;
    if (typeof value.version === 'number') ref.version = value.version;
    connections[name] = ref;
  }
  const address = typeof document.address === 'string' ? document.address : env.MOVA_VAULT_ADDR;
  if (!address) {
    throw new ConnectionError(`no Vault address for ${file}`, 'Set MOVA_VAULT_ADDR, or "address" in the Vault config.');
  }
  const take = (variable: string): string | undefined => {
    const value = env[variable];
    if (env === process.env) delete process.env[variable];
    return value;
  };
  const token = take('MOVA_VAULT_TOKEN');
  const secretId = take('MOVA_VAULT_SECRET_ID');
  const appRole = isRecord(document.appRole) ? document.appRole : {};
  const roleId = typeof appRole.roleId === 'string' ? appRole.roleId : env.MOVA_VAULT_ROLE_ID;
  let auth: VaultAuth;
  if (token) auth = { token };
  else if (roleId && secretId) {
    auth = { appRole: { roleId, secretId, ...(typeof appRole.mount === 'string' ? { mount: appRole.mount } : {}) } };
  } else {
    throw new ConnectionError(
      `no Vault credentials for ${file}`,
      'Set MOVA_VAULT_TOKEN, or MOVA_VAULT_ROLE_ID and MOVA_VAULT_SECRET_ID for AppRole.',
    );
  }
  const namespace = typeof document.namespace === 'string' ? document.namespace : env.MOVA_VAULT_NAMESPACE;
  return { address, auth, connections, ...(namespace ? { namespace } : {}) };
}
