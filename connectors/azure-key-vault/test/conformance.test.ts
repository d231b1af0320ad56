import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { testConnection } from '@mova/sdk';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import vault from '../src/index.js';
import { startVaultApi, type VaultReference } from './vault-api.js';

// Every action through the sandbox users run it in, against the loopback Key Vault and Entra ID
// sign-in host of vault-api.ts (its header names the documentation pages each answer follows),
// served over TLS with a certificate made for this run. The connection names it the way users name
// a private endpoint: vaultUrl and authorityHost (network.connectionHosts), and trusts its
// certificate through caCertificate; TLS verification stays on.

let api: VaultReference;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  [api, connector] = await Promise.all([startVaultApi(), loadConnector({ dir: new URL('..', import.meta.url) })]);
  auth = {
    vaultUrl: api.origin,
    tenantId: api.tenantId,
    clientId: api.clientId,
    clientSecret: api.clientSecret,
    authorityHost: api.origin,
    caCertificate: api.certificate,
  };
}, 60_000);
afterAll(async () => {
  await connector?.close();
  await api?.close();
});
beforeEach(() => {
  api.secrets.clear();
  api.forbidden.clear();
  api.requests.length = 0;
});
afterEach(() => {
  expect(api.unmatched).toEqual([]);
});

const { run, call: fail } = actionCalls({ connector: () => connector, auth: () => auth });
const vaultRequests = () => api.requests.filter((request) => request.path.includes('secrets'));

describe('every example in the manifest', () => {
  it('runs in a story order', async () => {
    const order = ['secrets.set', 'secrets.get', 'secrets.list', 'secrets.delete', 'secrets.recover', 'secrets.purge'];
    const actions = [...connector.manifest.actions].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    expect(actions.map((a) => a.key)).toEqual(order);
    await run('secrets.set', { name: 'legacy-api-key', value: 'old' });
    for (const action of actions) {
      for (const example of action.examples) {
        if (action.key === 'secrets.purge') await run('secrets.delete', { name: 'legacy-api-key' });
        const output = await run(action.key, example.input);
        if (example.output !== undefined)
          expect(output, `${action.key}: ${example.title ?? ''}`).toEqual(example.output);
      }
    }
    expect(api.secrets.has('legacy-api-key')).toBe(false);
    expect(api.secrets.get('stripe-api-key')?.versions.at(-1)?.value).toBe('sk_test_4eC39HqLyjWDarjtT1zdp7dc');
  });
});

describe('secrets', () => {
  it('answers the challenge, signs in with the client secret, then sets and reads versions', async () => {
    // A connection of its own, so no client (and token) cached by an earlier test is reused.
    const fresh = { ...auth, vaultUrl: `${api.origin}/` };
    const first = await run(
      'secrets.set',
      { name: 'db-password', value: 's3cr3t!', tags: { owner: 'ops' }, expiresOn: '2027-01-01T00:00:00.000Z' },
      fresh,
    );
    expect(first).toMatchObject({
      name: 'db-password',
      enabled: true,
      tags: { owner: 'ops' },
    });
    expect(first.expiresOn).toBe('2027-01-01T00:00:00.000Z');
    expect(first.id).toBe(`${api.origin}/secrets/db-password/${first.version}`);
    const [challenge, token, ...rest] = api.requests.filter(
      (request) => !request.path.includes('openid-configuration'),
    );
    expect(challenge?.headers.authorization).toBeUndefined();
    expect(token).toMatchObject({ method: 'POST', path: `/${api.tenantId}/oauth2/v2.0/token` });
    expect(token?.body).toMatchObject({
      grant_type: 'client_credentials',
      client_id: api.clientId,
      scope: 'https://vault.azure.net/.default',
    });
    expect(rest.at(-1)?.body).toEqual({
      value: 's3cr3t!',
      tags: { owner: 'ops' },
      attributes: { enabled: true, exp: 1798761600 },
    });

    const second = await run('secrets.set', { name: 'db-password', value: 'n3w' });
    expect(await run('secrets.get', { name: 'db-password' })).toMatchObject({ value: 'n3w', version: second.version });
    expect(await run('secrets.get', { name: 'db-password', version: first.version })).toMatchObject({
      value: 's3cr3t!',
      version: first.version,
    });
    const versions = await run('secrets.list', { versionsOf: 'db-password' });
    expect((versions.secrets as { version: string }[]).map((s) => s.version).sort()).toEqual(
      [String(first.version), String(second.version)].sort(),
    );
  });

  it('lists secrets across pages up to the limit, without values', async () => {
    const names = Array.from({ length: 27 }, (_, i) => `key-${String(i).padStart(2, '0')}`);
    for (const [i, name] of names.entries()) {
      api.secrets.set(name, {
        versions: [
          {
            version: String(i).padStart(32, '0'),
            value: `${name}-value`,
            tags: {},
            enabled: true,
            created: 1,
            updated: 1,
          },
        ],
      });
    }
    const all = await run('secrets.list', {});
    expect((all.secrets as { name: string }[]).map((s) => s.name)).toEqual(names);
    expect(all.more).toBe(false);
    expect(JSON.stringify(all)).not.toContain('-value');
    const pages = vaultRequests().filter((request) => request.path === '/secrets' && request.headers.authorization);
    expect(pages.map((request) => request.query.get('$skiptoken'))).toEqual([null, '25']);

    const some = await run('secrets.list', { limit: 3 });
    expect(some).toEqual({ secrets: names.slice(0, 3).map((name) => expect.objectContaining({ name })), more: true });
  });

  it('deletes, refuses the name while recoverable, recovers, and purges', async () => {
    await run('secrets.set', { name: 'temp-token', value: 'x' });
    const deleted = await run('secrets.delete', { name: 'temp-token' });
    expect(deleted).toMatchObject({ name: 'temp-token', recoveryId: `${api.origin}/deletedsecrets/temp-token` });
    expect(await fail('secrets.get', { name: 'temp-token' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404 },
    });

    const reused = await fail('secrets.set', { name: 'temp-token', value: 'y' });
    expect(reused).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 409 } });
    expect(reused.error?.hint).toContain('secrets.recover');

    expect(await run('secrets.recover', { name: 'temp-token' })).toMatchObject({ name: 'temp-token', enabled: true });
    expect(await run('secrets.get', { name: 'temp-token' })).toMatchObject({ value: 'x' });

    await run('secrets.delete', { name: 'temp-token' });
    expect(await run('secrets.purge', { name: 'temp-token' })).toEqual({ purged: true });
    expect(api.secrets.has('temp-token')).toBe(false);
    expect(await fail('secrets.purge', { name: 'temp-token' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found' },
    });
  });
});

describe('failures', () => {
  it('reports a missing secret as not found, with a hint', async () => {
    const result = await fail('secrets.get', { name: 'nope' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(result.error?.message).toContain('SecretNotFound');
  });

  it('reports a secret the app may not read as auth, naming the role', async () => {
    await run('secrets.set', { name: 'payroll', value: 'x' });
    api.forbidden.add('payroll');
    const result = await fail('secrets.get', { name: 'payroll' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
    expect(result.error?.hint).toContain('Key Vault Secrets');
  });

  it('reports throttling with its Retry-After', async () => {
    await run('secrets.set', { name: 'hot', value: 'x' });
    for (let i = 0; i < 3; i++) {
      api.answerNext('GET', '/secrets/:name/', {
        status: 429,
        headers: { 'retry-after': '1' },
        body: {
          error: { code: 'Throttled', message: 'Request was not processed because too many requests were received.' },
        },
      });
    }
    const result = await fail('secrets.get', { name: 'hot' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 1 } });
  });

  it('reports a wrong client secret as auth', async () => {
    const result = await fail('secrets.get', { name: 'x' }, { ...auth, clientSecret: 'wrong' });
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', hint: expect.stringContaining('clientSecret') },
    });
    expect(api.requests.some((request) => request.path.endsWith('/oauth2/v2.0/token'))).toBe(true);
  });

  it('does not trust the vault without its CA, and sends it nothing', async () => {
    const { caCertificate: _, ...untrusting } = auth;
    const result = await fail('secrets.get', { name: 'x' }, untrusting);
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    // The TLS handshake failed before any HTTP request reached the server.
    expect(api.requests).toEqual([]);
  });
});

describe('validate', () => {
  it('lists one secret, answering the challenge', async () => {
    await expect(testConnection(vault, auth)).resolves.toBeUndefined();
    expect(vaultRequests().at(-1)?.query.get('maxresults')).toBe('1');
    await expect(testConnection(vault, { ...auth, clientSecret: 'wrong' })).rejects.toMatchObject({
      kind: 'auth',
      actionKey: 'validate',
    });
  });
});
