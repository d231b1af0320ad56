import { type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vaultConnections } from '../src/connections/vault.js';

const ROOT_TOKEN = 'hvs.root-token-for-tests';
const PACKAGE = '@acme/connector-crm';

/**
 * Vault's KV v2 HTTP API as far as the write-back uses it: reads return the data with
 * `metadata.version`; `POST /v1/<mount>/data/<path>` with `options.cas` writes a new version only
 * if the secret is still at that version, else answers 400 "check-and-set parameter did not match
 * the current version" (developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#create-update-secret).
 */
async function startVault(initial: Record<string, Record<string, unknown>>) {
  const kv = new Map(Object.entries(initial).map(([path, data]) => [path, { data, version: 1 }]));
  const server: ReferenceServer = await startReferenceServer({
    check: (request) =>
      request.headers['x-vault-token'] === ROOT_TOKEN
        ? undefined
        : { status: 403, body: { errors: ['permission denied'] } },
  });
  let interleave: (() => void) | undefined;
  server.route('GET', '/v1/secret/data/mova/:name', (request) => {
    const secret = kv.get(request.params.name ?? '');
    if (!secret) return { status: 404, body: { errors: [] } };
    const body = { data: { data: secret.data, metadata: { version: secret.version, destroyed: false } } };
    // Another writer gets in between this read and the write that follows it, once.
    interleave?.();
    interleave = undefined;
    return { body };
  });
  server.route('POST', '/v1/secret/data/mova/:name', (request) => {
    const name = request.params.name ?? '';
    const secret = kv.get(name);
    const body = request.body as { options?: { cas?: number }; data?: Record<string, unknown> };
    if (body.options?.cas !== (secret?.version ?? 0)) {
      return { status: 400, body: { errors: ['check-and-set parameter did not match the current version'] } };
    }
    const version = (secret?.version ?? 0) + 1;
    kv.set(name, { data: body.data ?? {}, version });
    return { body: { data: { version } } };
  });
  return {
    server,
    kv,
    otherWriterOnce(change: (data: Record<string, unknown>) => Record<string, unknown>) {
      interleave = () => {
        const secret = kv.get('crm');
        if (secret) kv.set('crm', { data: change(secret.data), version: secret.version + 1 });
      };
    },
  };
}

let vault: Awaited<ReturnType<typeof startVault>>;

beforeEach(async () => {
  vault = await startVault({
    crm: { connector: PACKAGE, auth: { accessToken: 'at_0', refreshToken: 'rt_0', expiresAt: 100, clientId: 'c' } },
    flat: { accessToken: 'at_f', refreshToken: 'rt_f' },
  });
});
afterEach(() => vault.server.close());

const provider = (pinned?: number) =>
  vaultConnections({
    address: vault.server.url,
    auth: { token: ROOT_TOKEN },
    connections: {
      crm: { mount: 'secret', path: 'mova/crm', ...(pinned === undefined ? {} : { version: pinned }) },
      flat: { connector: PACKAGE, mount: 'secret', path: 'mova/flat' },
    },
  });

describe('Vault stores refreshed OAuth2 tokens', () => {
  it('writes a new secret version with check-and-set, keeping the other fields, in both secret shapes', async () => {
    const connections = provider();
    expect(await connections.saveTokens?.('crm', { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: 200 })).toBe(
      'saved',
    );
    expect(vault.kv.get('crm')).toEqual({
      data: { connector: PACKAGE, auth: { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: 200, clientId: 'c' } },
      version: 2,
    });
    expect((await connections.get('crm'))?.auth).toMatchObject({ accessToken: 'at_1' });
    expect(await connections.saveTokens?.('flat', { accessToken: 'at_f2' })).toBe('saved');
    expect(vault.kv.get('flat')?.data).toEqual({ accessToken: 'at_f2', refreshToken: 'rt_f' });
  });

  it('reads again after losing a check-and-set race, and keeps tokens that expire later', async () => {
    vault.otherWriterOnce((data) => ({
      ...data,
      auth: { ...(data.auth as object), accessToken: 'at_other', expiresAt: 150 },
    }));
    expect(await provider().saveTokens?.('crm', { accessToken: 'at_1', expiresAt: 200 })).toBe('saved');
    expect(vault.kv.get('crm')?.version).toBe(3);
    expect(vault.kv.get('crm')?.data.auth).toMatchObject({ accessToken: 'at_1', expiresAt: 200, refreshToken: 'rt_0' });
    expect(await provider().saveTokens?.('crm', { accessToken: 'at_old', expiresAt: 180 })).toBe('kept');
    expect(vault.kv.get('crm')?.version).toBe(3);
  });

  it('writes nothing for a pinned version or a name it does not hold', async () => {
    expect(await provider(1).saveTokens?.('crm', { accessToken: 'at_1' })).toBe('unsupported');
    expect(await provider().saveTokens?.('nope', { accessToken: 'at_1' })).toBe('unsupported');
    expect(vault.kv.get('crm')?.version).toBe(1);
  });
});
