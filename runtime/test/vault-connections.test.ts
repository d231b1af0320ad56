import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ReferenceRequest, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, loadConnections } from '../src/connections/connections.js';
import { loadVaultConfig, vaultConnections } from '../src/connections/vault.js';
import { buildFixtureManifests, tempDir, testRuntime, workflow } from './helpers.js';

const SECRET = 'vault-held-token-42';
const ROOT_TOKEN = 'hvs.root-token-for-tests';
const ROLE_ID = 'role-1234';
const SECRET_ID = 'secret-id-5678';
const tools = { tools: { connector: 'tools' } };

/**
 * Vault's documented HTTP API, the parts MOVA uses: KV v2 reads (`GET /v1/<mount>/data/<path>`
 * with X-Vault-Token; 403 `permission denied` for a bad token, 404 with an empty `errors` list for
 * a missing secret) and AppRole sign-in (`POST /v1/auth/approle/login`).
 */
async function startVault(): Promise<{ server: ReferenceServer; issued: string[]; expire(): void }> {
  const issued: string[] = [];
  const kv: Record<string, Record<string, unknown>> = {
    'secret/mova/tools': { token: SECRET },
    'secret/mova/whole': { connector: 'tools', auth: { token: SECRET } },
  };
  const server = await startReferenceServer();
  const valid = (request: ReferenceRequest) => {
    const token = request.headers['x-vault-token'];
    return token === ROOT_TOKEN || (typeof token === 'string' && issued.includes(token));
  };
  server.route('POST', '/v1/auth/approle/login', (request) => {
    const body = request.body as { role_id?: string; secret_id?: string };
    if (body.role_id !== ROLE_ID || body.secret_id !== SECRET_ID) {
      return { status: 400, body: { errors: ['invalid role or secret ID'] } };
    }
    const token = `hvs.approle-${issued.length + 1}`;
    issued.push(token);
    return {
      body: {
        request_id: 'r',
        auth: { client_token: token, accessor: 'a', policies: ['mova'], lease_duration: 3600, renewable: true },
      },
    };
  });
  server.route('GET', '/v1/secret/data/mova/:name', (request) => {
    if (!valid(request)) return { status: 403, body: { errors: ['permission denied'] } };
    const data = kv[`secret/mova/${request.params.name}`];
    if (!data) return { status: 404, body: { errors: [] } };
    return {
      body: {
        request_id: 'r',
        lease_id: '',
        renewable: false,
        lease_duration: 0,
        data: {
          data,
          metadata: { created_time: '2026-01-01T00:00:00Z', deletion_time: '', destroyed: false, version: 1 },
        },
      },
    };
  });
  return { server, issued, expire: () => issued.splice(0) };
}

let vault: Awaited<ReturnType<typeof startVault>>;
beforeAll(async () => {
  await buildFixtureManifests();
  vault = await startVault();
});
afterAll(() => vault.server.close());

describe('Vault KV v2 connections', () => {
  it('signs in with AppRole, runs a step with the connection, and keeps every secret out of the run record', async () => {
    const connections = vaultConnections({
      address: vault.server.url,
      auth: { appRole: { roleId: ROLE_ID, secretId: SECRET_ID } },
      connections: { tools: { connector: 'tools', mount: 'secret', path: 'mova/tools' } },
    });
    const t = await testRuntime({ connections });
    try {
      const result = await t.runtime.run(
        workflow([{ id: 'reveal', uses: 'tools/secret.reveal@^1', with: {}, connection: 'tools' }], {
          connections: tools,
        }),
        {},
        { onEvent: t.onEvent },
      );
      expect(result).toMatchObject({ status: 'completed', output: { token: SECRET } });
      const record = JSON.stringify(await t.store.getRun(result.runId));
      for (const secret of [SECRET, SECRET_ID, ...vault.issued]) {
        expect(record).not.toContain(secret);
        expect(JSON.stringify(t.events)).not.toContain(secret);
      }
      expect(record).toContain('[redacted]');
    } finally {
      await t.cleanup();
    }
    const reads = vault.server.requests.filter((r) => r.path === '/v1/secret/data/mova/tools');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => vault.issued.includes(String(r.headers['x-vault-token'])))).toBe(true);
  });

  it('reads with a token, and a secret may hold connector and auth itself', async () => {
    const connections = vaultConnections({
      address: `${vault.server.url}/`,
      auth: { token: ROOT_TOKEN },
      namespace: 'team-a',
      connections: { tools: { mount: 'secret', path: 'mova/whole' } },
    });
    expect(await connections.get('tools')).toEqual({ connector: 'tools', auth: { token: SECRET } });
    expect(await connections.get('not-listed')).toBeUndefined();
    const last = vault.server.requests.at(-1);
    expect(last?.headers['x-vault-token']).toBe(ROOT_TOKEN);
    expect(last?.headers['x-vault-namespace']).toBe('team-a');
  });

  it('signs in again once when Vault refuses an expired AppRole token', async () => {
    const connections = vaultConnections({
      address: vault.server.url,
      auth: { appRole: { roleId: ROLE_ID, secretId: SECRET_ID } },
      connections: { tools: { connector: 'tools', mount: 'secret', path: 'mova/tools' } },
    });
    await connections.get('tools');
    const logins = () => vault.server.requests.filter((r) => r.path === '/v1/auth/approle/login').length;
    const before = logins();
    vault.expire();
    expect(await connections.get('tools')).toMatchObject({ auth: { token: SECRET } });
    expect(logins()).toBe(before + 1);
  });

  it('says what is wrong without showing a secret: bad credentials, no permission, no secret', async () => {
    const refs = {
      tools: { connector: 'tools', mount: 'secret', path: 'mova/tools' },
      gone: { connector: 'tools', mount: 'secret', path: 'mova/gone' },
    };
    const badRole = vaultConnections({
      address: vault.server.url,
      auth: { appRole: { roleId: ROLE_ID, secretId: 'wrong-secret-id' } },
      connections: refs,
    });
    const refused = await badRole.get('tools').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectionError);
    expect((refused as Error).message).toBe(
      'Vault refused the AppRole sign-in at auth/approle (HTTP 400: invalid role or secret ID)',
    );
    expect((refused as Error).message).not.toContain('wrong-secret-id');
    const badToken = vaultConnections({ address: vault.server.url, auth: { token: 'hvs.nope' }, connections: refs });
    await expect(badToken.get('tools')).rejects.toThrow(
      'connection "tools": Vault refused to read secret/data/mova/tools (HTTP 403: permission denied)',
    );
    const root = vaultConnections({ address: vault.server.url, auth: { token: ROOT_TOKEN }, connections: refs });
    await expect(root.get('gone')).rejects.toThrow('connection "gone": Vault has no secret at secret/data/mova/gone');
  });

  it('comes after the environment and the connections file, configured from a file and the environment', async () => {
    const dir = await tempDir();
    try {
      const config = join(dir.path, 'vault.json');
      await writeFile(
        config,
        JSON.stringify({ connections: { tools: { connector: 'tools', mount: 'secret', path: 'mova/tools' } } }),
      );
      const env: Record<string, string | undefined> = {
        MOVA_VAULT_ADDR: vault.server.url,
        MOVA_VAULT_ROLE_ID: ROLE_ID,
        MOVA_VAULT_SECRET_ID: SECRET_ID,
      };
      const options = await loadVaultConfig(config, env);
      expect(options).toMatchObject({ address: vault.server.url, auth: { appRole: { roleId: ROLE_ID } } });
      const fromVault = await loadConnections({ env: {}, vault: vaultConnections(options) });
      expect(await fromVault.get('tools')).toMatchObject({ auth: { token: SECRET } });
      const overridden = await loadConnections({
        env: { MOVA_CONNECTION_TOOLS: JSON.stringify({ connector: 'tools', auth: { token: 'from-env' } }) },
        vault: vaultConnections(options),
      });
      expect(await overridden.get('tools')).toMatchObject({ auth: { token: 'from-env' } });
      expect(await overridden.names?.()).toEqual(['tools']);
      await expect(loadVaultConfig(config, { MOVA_VAULT_ADDR: vault.server.url })).rejects.toThrow(
        `no Vault credentials for ${config}`,
      );
    } finally {
      await dir.remove();
    }
  });
});
