import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConnections } from './connections.js';
import { saveFileTokens } from './file-tokens.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mova-file-tokens-'));
  file = join(dir, 'connections.json');
  await writeFile(
    file,
    JSON.stringify({
      crm: { connector: 'crm', auth: { accessToken: 'at_0', refreshToken: 'rt_0', expiresAt: 100, clientId: 'c' } },
      github: { connector: 'github', auth: { token: 'ghp_x' }, rateLimit: { requests: 5, per: '1s' } },
    }),
    { mode: 0o600 },
  );
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const read = async () => JSON.parse(await readFile(file, 'utf8'));

describe('saveFileTokens', () => {
  it('writes the tokens into that connection only, keeping the file private', async () => {
    const saved = await saveFileTokens(file, 'crm', { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: 200 });
    expect(saved.write).toBe('saved');
    const document = await read();
    expect(document.crm).toEqual({
      connector: 'crm',
      auth: { accessToken: 'at_1', refreshToken: 'rt_1', expiresAt: 200, clientId: 'c' },
    });
    expect(document.github).toEqual({
      connector: 'github',
      auth: { token: 'ghp_x' },
      rateLimit: { requests: 5, per: '1s' },
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('loses no update when many writers race: the latest expiry is what stays', async () => {
    const expiries = Array.from({ length: 12 }, (_, i) => 1000 + ((i * 7) % 12));
    const results = await Promise.all(
      expiries.map((expiresAt) => saveFileTokens(file, 'crm', { accessToken: `at_${expiresAt}`, expiresAt })),
    );
    expect(results.map((r) => r.write)).toContain('saved');
    const document = await read();
    const last = Math.max(...expiries);
    expect(document.crm.auth).toEqual({
      accessToken: `at_${last}`,
      refreshToken: 'rt_0',
      expiresAt: last,
      clientId: 'c',
    });
  });

  it('refuses a connection the file does not hold', async () => {
    await expect(saveFileTokens(file, 'nope', { accessToken: 'x' })).rejects.toThrow(
      'no longer holds the connection "nope"',
    );
  });
});

describe('connection providers store refreshed tokens', () => {
  it('the file provider writes the file and gives the new tokens from then on; the environment cannot be written', async () => {
    const connections = await loadConnections({
      file,
      env: { MOVA_CONNECTION_ENVY: JSON.stringify({ connector: 'crm', auth: { accessToken: 'e' } }) },
    });
    expect(await connections.saveTokens?.('crm', { accessToken: 'at_9', expiresAt: 900 })).toBe('saved');
    expect((await connections.get('crm'))?.auth).toMatchObject({ accessToken: 'at_9', expiresAt: 900 });
    expect((await read()).crm.auth.accessToken).toBe('at_9');
    expect(await connections.saveTokens?.('crm', { accessToken: 'older', expiresAt: 800 })).toBe('kept');
    expect(await connections.saveTokens?.('envy', { accessToken: 'at_e' })).toBe('unsupported');
  });
});
